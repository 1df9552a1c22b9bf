package dev.stalecheck.mmu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.program.MemoryType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Raw short-descriptor words and the fields the Arm ARM gives them (v7-A B3.5.1, memory types B3.8.2 Table B3-10). */
class ShortDescriptorTest {
    @ParameterizedTest(name = "{0} level {1}: {2}")
    @CsvSource({
        // word,    level, type,         output base,    memory type, shareable, readOnly, nG   -- Arm ARM case
        "00000000, 1, FAULT,        0x0,          DEVICE,    true,  false, 0", // bits[1:0] = 00: translation fault
        "80000C0E, 1, SECTION,      0x80000000,   NORMAL,    false, false, 0", // TEX 000 C 1 B 1: WB, no WA
        "80031C0E, 1, SECTION,      0x80000000,   NORMAL,    true,  false, 1", // TEX 001 C 1 B 1: WBWA; S, nG set
        "80000C0A, 1, SECTION,      0x80000000,   NORMAL_WT, false, false, 0", // TEX 000 C 1 B 0: write-through
        "80001C02, 1, SECTION,      0x80000000,   NORMAL_NC, false, false, 0", // TEX 001 C 0 B 0: non-cacheable
        "80002C02, 1, SECTION,      0x80000000,   DEVICE,    true,  false, 0", // TEX 010 C 0 B 0: non-shareable Device
        "80005C06, 1, SECTION,      0x80000000,   NORMAL,    false, false, 0", // TEX 1BB: inner C:B = 01, WBWA
        "80008C02, 1, SECTION,      0x80000000,   DEVICE,    true,  true,  0", // AP[2] = 1 (bit 15): read-only
        "23140C02, 1, SUPERSECTION, 0x123000000,  DEVICE,    true,  false, 0", // bit 18 = 1; PA[35:32] in bits[23:20]
        "031401E2, 1, SUPERSECTION, 0xF103000000, DEVICE,    true,  false, 0", // PA[39:36] = 0xF from bits[8:5]
        "80005401, 1, PAGE_TABLE,   0x0,          DEVICE,    true,  false, 0", // bits[1:0] = 01: page table
        "80100032, 2, SMALL_PAGE,   0x80100000,   DEVICE,    true,  false, 0", // TEX 000 C 0 B 0: Strongly-ordered
        "8010007E, 2, SMALL_PAGE,   0x80100000,   NORMAL,    false, false, 0", // small page: TEX in bits[8:6]
        "80100E7E, 2, SMALL_PAGE,   0x80100000,   NORMAL,    true,  true,  1", // AP[2] bit 9, S bit 10, nG bit 11
        "8011103D, 2, LARGE_PAGE,   0x80110000,   NORMAL,    false, false, 0", // large page: TEX in bits[14:12]
    })
    void decodesEachCase(String hex, int level, ShortDescriptor.Type type, String base, MemoryType memory,
                         boolean shareable, boolean readOnly, int nG) {
        ShortDescriptor d = new ShortDescriptor((int) Long.parseLong(hex, 16), level);
        assertThat(d.type()).isEqualTo(type);
        assertThat(d.outputBase()).isEqualTo(Long.decode(base));
        if (type != ShortDescriptor.Type.FAULT && type != ShortDescriptor.Type.PAGE_TABLE) {
            assertThat(d.memoryType()).isEqualTo(memory);
            assertThat(d.shareable()).isEqualTo(shareable);
            assertThat(d.readOnly()).isEqualTo(readOnly);
            assertThat(d.nG()).isEqualTo(nG);
        }
    }

    @ParameterizedTest
    @CsvSource({"80000C12, 1, true", "80000C02, 1, false", "81040C12, 1, true", "80000033, 2, true",
        "80000032, 2, false", "80008031, 2, true", "80000031, 2, false"})
    void executeNeverIsTheXnBitOfEachLeafKind(String hex, int level, boolean xn) {
        // XN: section and supersection bit 4, small page bit 0 (type 0b1x), large page bit 15 (v7-A B3.5.1).
        assertThat(new ShortDescriptor((int) Long.parseLong(hex, 16), level).executeNever()).isEqualTo(xn);
    }

    @ParameterizedTest
    @CsvSource({"80005401, 0x80005400, 0", "800050E1, 0x80005000, 7"})
    void pageTableDescriptorsGiveBaseAndDomain(String hex, String base, int domain) {
        // First-level page-table descriptor: base bits[31:10], domain bits[8:5].
        ShortDescriptor d = new ShortDescriptor((int) Long.parseLong(hex, 16), 1);
        assertThat(d.pageTableBase()).isEqualTo(Long.decode(base));
        assertThat(d.domain()).isEqualTo(domain);
    }

    @Property
    void encodingThenDecodingGivesTheMapLinesAttributes(@ForAll MemoryType type, @ForAll boolean shareable,
                                                        @ForAll boolean global, @ForAll boolean readOnly,
                                                        @ForAll boolean executeNever,
                                                        @ForAll @IntRange(min = 0, max = 0xFFF) int megabyte) {
        ShortDescriptorEncoder.Attributes a =
                new ShortDescriptorEncoder.Attributes(type, shareable, global, readOnly, executeNever);
        long oa = (long) megabyte << 20;
        for (ShortDescriptor d : new ShortDescriptor[] {
            new ShortDescriptor(ShortDescriptorEncoder.section(oa, a), 1),
            new ShortDescriptor(ShortDescriptorEncoder.smallPage(oa, a), 2),
            new ShortDescriptor(ShortDescriptorEncoder.largePage(oa, a), 2)}) {
            assertThat(d.executeNever()).isEqualTo(executeNever);
            assertThat(d.size()).as("XN does not change the descriptor's kind").isIn(1L << 20, 1L << 12, 1L << 16);
            assertThat(d.memoryType()).isEqualTo(type);
            assertThat(d.shareable()).isEqualTo(type == MemoryType.DEVICE || shareable);
            assertThat(d.nG()).isEqualTo(global ? 0 : 1);
            assertThat(d.readOnly()).isEqualTo(readOnly);
            assertThat(d.outputBase()).isEqualTo(oa);
            assertThat(d.noAccess()).isFalse();
        }
    }
}
