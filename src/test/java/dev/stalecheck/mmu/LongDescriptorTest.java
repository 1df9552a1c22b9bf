package dev.stalecheck.mmu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.program.MemoryType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Raw long-descriptor words and their fields (Arm ARM v8-A D5.3, 4 KB granule; the project's fixed MAIR). */
class LongDescriptorTest {
    @ParameterizedTest(name = "{0} at level {1}: {2}")
    @CsvSource({
        // word,             level, type,    output,        memory,    shareable, readOnly, AF, nG
        "0000000000000000, 1, INVALID, 0x0,           DEVICE,    true,  false, 0, 0", // bit 0 = 0: invalid
        "0000000080012003, 0, TABLE,   0x80012000,    DEVICE,    true,  false, 0, 0", // bits[1:0] = 11 below L3: table
        "0000000080000001, 0, INVALID, 0x80000000,    DEVICE,    true,  false, 0, 0", // no blocks at level 0
        "0000000040000c41, 1, BLOCK,   0x40000000,    DEVICE,    true,  false, 1, 1", // 1 GB block, AttrIndx 0
        "0000000080000f4d, 2, BLOCK,   0x80000000,    NORMAL,    true,  false, 1, 1", // 2 MB block, AttrIndx 3, SH 11
        "0000000080200f4f, 3, PAGE,    0x80200000,    NORMAL,    true,  false, 1, 1", // bits[1:0] = 11 at L3: page
        "0000000080200f4d, 3, INVALID, 0x80200000,    NORMAL,    true,  false, 1, 1", // 01 at level 3 is reserved
        "0000000080200487, 3, PAGE,    0x80200000,    NORMAL_NC, false, true,  1, 0", // AttrIndx 1, SH 00, AP[2] = 1
        "000000008020004b, 3, PAGE,    0x80200000,    NORMAL_WT, false, false, 0, 0", // AttrIndx 2, AF = 0
        "0000ffffffe00f4d, 2, BLOCK,   0xffffffe00000, NORMAL,   true,  false, 1, 1", // 48-bit output address
    })
    void decodesEachCase(String hex, int level, LongDescriptor.Type type, String out, MemoryType memory,
                         boolean shareable, boolean readOnly, int af, int nG) {
        LongDescriptor d = new LongDescriptor(Long.parseUnsignedLong(hex, 16), level);
        assertThat(d.type()).isEqualTo(type);
        assertThat(d.outputAddress()).isEqualTo(Long.decode(out));
        if (type == LongDescriptor.Type.BLOCK || type == LongDescriptor.Type.PAGE) {
            assertThat(d.memoryType()).isEqualTo(memory);
            assertThat(d.shareable()).isEqualTo(shareable);
            assertThat(d.readOnly()).isEqualTo(readOnly);
            assertThat(d.af()).isEqualTo(af);
            assertThat(d.nG()).isEqualTo(nG);
        }
    }

    @Property
    void leavesRoundTrip(@ForAll MemoryType type, @ForAll boolean shareable, @ForAll boolean global,
                         @ForAll boolean readOnly, @ForAll @IntRange(min = 0, max = 0xFFFFF) int frame) {
        long oa = (long) frame << 21;
        for (int level : new int[] {2, 3}) {
            LongDescriptor d = new LongDescriptor(LongDescriptor.leaf(level, oa, type, shareable, global, readOnly), level);
            assertThat(d.type()).isEqualTo(level == 2 ? LongDescriptor.Type.BLOCK : LongDescriptor.Type.PAGE);
            assertThat(d.outputAddress()).isEqualTo(oa);
            assertThat(d.memoryType()).isEqualTo(type);
            assertThat(d.shareable()).isEqualTo(type == MemoryType.DEVICE || shareable);
            assertThat(d.nG()).isEqualTo(global ? 0 : 1);
            assertThat(d.readOnly()).isEqualTo(readOnly);
            assertThat(d.af()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @CsvSource({"0040000080200743, true, true", "0020000080200743, true, false", "0060000080200743, true, true",
        "0000000080200743, false, false"})
    void executeNeverIsUxnOrPxnAtStageOneAndXnAtStageTwo(String hex, boolean stage1, boolean stage2) {
        // Stage 1: UXN/XN bit 54, PXN bit 53, either one (threads have no exception level); stage 2: XN[1], bit 54.
        LongDescriptor d = new LongDescriptor(Long.parseUnsignedLong(hex, 16), 3);
        assertThat(d.executeNever()).isEqualTo(stage1);
        assertThat(d.stage2ExecuteNever()).isEqualTo(stage2);
        assertThat(LongDescriptor.executeNeverBits(true, false)).isEqualTo(3L << 53);
        assertThat(LongDescriptor.executeNeverBits(true, true)).isEqualTo(1L << 54);
        assertThat(LongDescriptor.executeNeverBits(false, true)).isZero();
    }
}
