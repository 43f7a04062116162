package dev.audience.experiment;

import java.util.List;
import java.util.Optional;

/** Where experiments and flags live (the state store). */
public interface ExperimentStore {
    /** False when the key is taken. */
    boolean insert(Experiment e);

    void update(Experiment e);

    Optional<Experiment> findExperiment(String key);

    List<Experiment> experiments();

    void deleteExperiment(String key);

    boolean insert(Flag f);

    void update(Flag f);

    Optional<Flag> findFlag(String key);

    List<Flag> flags();

    void deleteFlag(String key);
}
