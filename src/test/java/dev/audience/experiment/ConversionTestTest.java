package dev.audience.experiment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class ConversionTestTest {
    @Test
    void thePValueIsTheTwoSidedPooledZTests() {
        // 10% vs 13% of 1,000 each: z = 2.1027, p = 0.03549 (scipy.stats.norm.sf(2.1027) * 2)
        assertThat(ConversionTest.pValue(1000, 100, 1000, 130)).isCloseTo(0.035488, offset(1e-5));
        // the same difference the other way round gives the same p
        assertThat(ConversionTest.pValue(1000, 130, 1000, 100)).isCloseTo(0.035488, offset(1e-5));
        // 10% of 500 vs 48 of 520: z = -0.4167, p = 0.6769
        assertThat(ConversionTest.pValue(500, 50, 520, 48)).isCloseTo(0.676869, offset(1e-5));
        assertThat(ConversionTest.pValue(200, 20, 200, 20)).isEqualTo(1.0, offset(1e-6));
    }

    @Test
    void tooFewConversionsOrNonConversionsGiveNoPValue() {
        assertThat(ConversionTest.pValue(1000, 4, 1000, 50)).isNull();
        assertThat(ConversionTest.pValue(20, 16, 20, 10)).isNull();
        assertThat(ConversionTest.pValue(0, 0, 100, 10)).isNull();
    }

    @Test
    void erfcMatchesKnownValues() {
        assertThat(ConversionTest.erfc(0)).isCloseTo(1.0, offset(1e-7));
        assertThat(ConversionTest.erfc(1)).isCloseTo(0.157299207, offset(1e-7));
        assertThat(ConversionTest.erfc(-1)).isCloseTo(1.842700793, offset(1e-7));
    }
}
