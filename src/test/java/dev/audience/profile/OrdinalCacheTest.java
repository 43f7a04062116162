package dev.audience.profile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrdinalCacheTest {
    @Test
    void keepsAboutItsCapacityAndTheEntriesInUse() {
        OrdinalCache c = new OrdinalCache(10);
        for (int i = 0; i < 5; i++) c.put("u" + i, i);
        assertThat(c.get("u0")).as("after one rotation it is still found").isEqualTo(0);
        for (int i = 5; i < 9; i++) c.put("u" + i, i);
        assertThat(c.get("u0")).as("a hit moved it to the young generation").isEqualTo(0);
        for (int i = 9; i < 20; i++) c.put("u" + i, i);
        assertThat(c.get("u1")).as("not used for two generations: dropped").isNull();
        assertThat(c.get("u19")).isEqualTo(19);
        c.remove("u19");
        assertThat(c.get("u19")).isNull();
    }
}
