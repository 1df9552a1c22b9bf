package dev.stalecheck.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Translation results: a fixed space's hit and fault, and how a fault names its kind, stage and cause. */
class TranslationTest {
    @Test
    void aSpaceFaultsOutsideItsMappingsAtLevelZero() {
        Space s = new Space("s", List.of(new Mapping(0x1000, 0x8000, 0x1000, MemoryType.NORMAL, true)));
        assertThat(s.translate(0x1010)).isEqualTo(new Translation.Translated(0x8010, MemoryType.NORMAL, true));
        assertThat(s.translate(0x2000)).isEqualTo(new Translation.Faulted(FaultKind.TRANSLATION, 0, false, false));
    }

    @Test
    void aFaultDescribesItsKindStageAndDescriptorFetch() {
        assertThat(new Translation.Faulted(FaultKind.PERMISSION, 2).describe()).isEqualTo("permission");
        assertThat(new Translation.Faulted(FaultKind.TRANSLATION, 1, true, false).describe())
                .isEqualTo("translation (stage 2)");
        Translation.Faulted fetch = new Translation.Faulted(FaultKind.ACCESS_FLAG, 3, true, false).onDescriptorFetch();
        assertThat(fetch.describe()).isEqualTo("access flag (stage 2) on a descriptor fetch");
        assertThat(fetch.level()).isEqualTo(3);
    }
}
