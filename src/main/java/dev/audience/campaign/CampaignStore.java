package dev.audience.campaign;

import java.util.List;
import java.util.Optional;

/** Where campaigns live (the state store). */
public interface CampaignStore {
    void insert(Campaign c);

    void update(Campaign c);

    Optional<Campaign> find(String id);

    List<Campaign> list();

    List<Campaign> withStatus(CampaignStatus... statuses);
}
