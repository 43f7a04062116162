package dev.audience.experiment;

import dev.audience.app.Application;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.testing.Backend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Assignments survive a restart: the salt is stored, the hash is the same in every JVM. */
class RestartTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void variantsAreTheSameAfterARestart(Backend backend) {
        AudienceConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), backend.settings(dir));
        Map<String, String> before = new HashMap<>();
        try (Application app = Application.open(config, Clock.systemUTC())) {
            app.experiments().create(new ExperimentDraft("restart", "Restart", List.of(new Variant("a", 1), new Variant("b", 1),
                    new Variant("c", 1)), List.of(), List.of(), 80.0));
            app.experiments().start("restart");
            for (int i = 0; i < 500; i++) {
                Assignment a = app.experiments().assign("restart", "user-" + i);
                before.put("user-" + i, a.inExperiment() ? a.variant() : a.reason());
            }
        }
        try (Application app = Application.open(config, Clock.systemUTC())) {
            for (int i = 0; i < 500; i++) {
                Assignment a = app.experiments().assign("restart", "user-" + i);
                assertThat(a.inExperiment() ? a.variant() : a.reason()).isEqualTo(before.get("user-" + i));
            }
        }
    }
}
