package dev.audience.profile;

import dev.audience.common.Change;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AttributesTest {
    @Test
    void nullRemovesAndOtherValuesReplace() {
        Map<String, Object> patch = new HashMap<>();
        patch.put("plan", null);
        patch.put("seats", 5);
        patch.put("tags", List.of("a"));
        Map<String, Object> merged = Attributes.merge(Map.of("plan", "pro", "seats", 1, "country", "FR"), patch);
        assertThat(merged).containsOnlyKeys("seats", "tags", "country");
        assertThat(merged.get("seats")).isEqualTo(5);
    }

    @Test
    void rulesNameTheField() {
        var v = new dev.audience.common.Validation();
        ProfileRules.checkChanges(v, new ProfileChanges(Change.to("a@b"), Change.absent(), Change.to("Europe/Paris"),
                Change.to("pt-BR"), Map.of()));
        assertThat(v.errors()).extracting(dev.audience.common.FieldError::field).containsExactly("email");
    }
}
