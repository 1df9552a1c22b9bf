package dev.stalecheck.herd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converter to litmus tests: what it writes for the constructs it knows, and that it refuses, with the reason,
 * what herd7 cannot say the same way (a litmus test that meant something else would make the recorded facts lie).
 */
class LitmusWriterTest {
    private static final String MACHINE = "machine generic { cpus 2; walker l1; cache l1d 32B 1-way 32B; cache l2 none;"
            + " cache l1i none }\n";
    private static final String SPACE = "space k { 0x1000 -> 0x80001000 size 4K normal }\n";

    @TempDir
    Path dir;

    private Scenario load(String text) {
        return ScenarioLoader.load(Cli.write(dir, "t.scn", "scenario \"t\"\n" + text), "t.scn");
    }

    @Test
    void loadsStoresBarriersAndDataDependencies() {
        // Locations are named by physical address (x below y); r1 is the thread's second register (X1); the data
        // dependency's value is computed in scratch registers from X0; the observer's registers are [x] and [y].
        LitmusWriter.Litmus l = LitmusWriter.write(load(MACHINE + SPACE + "ram 0x80001008 = 7\n"
                + "thread a on cpu0 in k { r0 = load [0x1008]; dmb ishld; r1 = load [0x1000];"
                + " store [0x1008] = (r0 ^ r0) + 2; dsb; isb }\n"
                + "thread b on cpu1 in k { store [0x1000] = 1 }\n"
                + "thread fin on cpu0 in k after a, b { x = load [0x1000]; y = load [0x1008] }\n"
                + "show a.r0, a.r1, fin.x, fin.y\n"), "T");
        assertThat(l.variant()).isEmpty();
        assertThat(l.text()).isEqualTo("""
                AArch64 T
                {
                 y=7;
                 0:X8=x;
                 0:X9=y;
                 1:X8=x;
                }
                 P0              | P1           ;
                 LDR X0,[X9]     | MOV X16,#1   ;
                 DMB ISHLD       | STR X16,[X8] ;
                 LDR X1,[X8]     |              ;
                 EOR X16,X0,X0   |              ;
                 MOV X17,#2      |              ;
                 ADD X18,X16,X17 |              ;
                 STR X18,[X9]    |              ;
                 DSB SY          |              ;
                 ISB             |              ;
                locations [0:X0; 0:X1; x; y;]
                """);
        assertThat(l.columns().keySet()).containsExactly("a.r0", "a.r1", "fin.x", "fin.y");
        assertThat(l.columns().get("fin.y").location()).isEqualTo("[y]");
    }

    @Test
    void aFetchRegisterReadsTheInstructionThatRan() {
        // herd7 prints 1 when the NOP ran and 0 when the old branch skipped the MOV; the column gives the words.
        LitmusWriter.Litmus l = LitmusWriter.write(load(MACHINE + SPACE + "ram 0x80001100 = 0x14000002\n"
                + "thread a on cpu0 in k { store.w [0x1100] = 0xd503201f; dc cvau [0x1100]; dsb ish; ic ivau [0x1100];"
                + " dsb ish; isb; r0 = fetch [0x1100] }\nshow a.r0\n"), "F");
        assertThat(l.variant()).isEqualTo("ifetch");
        assertThat(l.text()).contains(" 0:X8=P0:C0_6;", " 0:X20=NOP;", " STR W20,[X8] ;", " DC CVAU,X8   ;",
                " IC IVAU,X8   ;", " C0_6:        ;\n B D0_6       ;\n MOV X0,#1    ;\n D0_6:        ;");
        LitmusWriter.Column c = l.columns().get("a.r0");
        assertThat(c.value(Map.of("0:X0", "0x1"))).isEqualTo("0xd503201f");
        assertThat(c.value(Map.of("0:X0", "0x0"))).isEqualTo("0x14000002");
    }

    @Test
    void aPageTableStoreIsAPteStoreAndALoadMayFault() {
        LitmusWriter.Litmus l = LitmusWriter.write(load("machine generic { walker l1; cache l2 none; cache l1i none }\n"
                + "ram 0x80200000 = 1\nram 0x80201000 = 2\n"
                + "pagetable pt format v8-4k at 0x80010000 {\n  map 0x0 -> 0x80000000 size 2M block normal\n"
                + "  map 0x200000 -> 0x80200000 size 4K page normal\n  map 0x201000 -> 0x80201000 size 4K page normal\n}\n"
                + "thread a on cpu0 in pt { store [entry(pt, 0x200000) - 0x80000000] = desc(pt, page, 0x80201000, normal);"
                + " dsb ishst; tlbi va [0x200000] is; dsb ish; isb; r0 = load [0x200000];"
                + " store [entry(pt, 0x200000) - 0x80000000] = 0; tlbi all }\nshow a.r0\n"), "K");
        assertThat(l.variant()).isEqualTo("kvm");
        // x's page is remapped to y's (the 2 MB block at VA 0 is the kernel's view of the table, not a location),
        // then unmapped; the load is labelled so that herd7 reports its fault.
        assertThat(l.text()).isEqualTo("""
                AArch64 K
                {
                 x=1;
                 y=2;
                 0:X8=x;
                 0:X20=(oa:PA(y));
                 0:X21=(valid:0);
                 0:X24=PTE(x);
                }
                 P0              ;
                 STR X20,[X24]   ;
                 DSB ISHST       ;
                 LSR X29,X8,#12  ;
                 TLBI VAE1IS,X29 ;
                 DSB ISH         ;
                 ISB             ;
                 L0_5:           ;
                 LDR X0,[X8]     ;
                 STR X21,[X24]   ;
                 TLBI VMALLE1    ;
                locations [0:X0; fault(P0:L0_5,x);]
                """);
        LitmusWriter.Column c = l.columns().get("a.r0");
        assertThat(c.value(Map.of("0:X0", "0x0", "fault(P0:L0_5,x)", "1"))).isEqualTo("fault");
        assertThat(c.value(Map.of("0:X0", "0x2", "fault(P0:L0_5,x)", "0"))).isEqualTo("0x2");
    }

    @Test
    void whatHerdCannotSayIsRefusedWithTheReason() {
        String thread = "thread a on cpu0 in k { store [0x1000] = 1 }\n";
        List<String[]> refused = List.of(
                new String[] {MACHINE + SPACE + thread + "show ram[0x80001000]\n", "ram[...] is what RAM holds"},
                new String[] {MACHINE + "space k { 0x1000 -> 0x80001000 size 4K normal nsh }\n" + thread
                        + "thread b on cpu1 in k { r = load [0x1000] }\nshow b.r\n", "normal shareable"},
                new String[] {MACHINE + "space k { 0x1000 -> 0x80001000 size 4K normal-nc }\n" + thread
                        + "thread b on cpu1 in k { r = load [0x1000] }\nshow b.r\n", "normal shareable"},
                new String[] {MACHINE + SPACE + "thread a on cpu0 in k { store.w [0x1000] = 1; r = load.w [0x1000] }\n"
                        + "show a.r\n", "64-bit"},
                new String[] {MACHINE + SPACE + "thread a on cpu0 in k { store [0x1000] = 1; dc civac [0x1000];"
                        + " r = load [0x1000] }\nshow a.r\n", "not in the subset"},
                new String[] {"machine cortex-a57 { }\n" + SPACE + thread + "thread b on cpu0 in k { r = load [0x1000] }\n"
                        + "show b.r\n", "only generic"},
                new String[] {"machine generic { walker memory }\n" + SPACE + thread
                        + "thread b on cpu0 in k { r = load [0x1000] }\nshow b.r\n", "walker l1"},
                new String[] {MACHINE + SPACE + thread + "thread b on cpu1 in k after a { r = load [0x1000] }\n"
                        + "thread c on cpu1 in k { r = load [0x1000] }\nshow b.r, c.r\n", "all start together"},
                new String[] {MACHINE + SPACE + "thread a on cpu0 in k { r = load [0x1000]; store [0x1008] = r * 2 }\n"
                        + "show a.r\n", "operator *"},
                new String[] {MACHINE + SPACE + "thread a on cpu0 in k { r = fetch [0x1000] }\nshow a.r\n",
                        "must start as B .+8"});
        for (String[] r : refused) {
            assertThatThrownBy(() -> LitmusWriter.write(load(r[0]), "T")).as(r[0])
                    .isInstanceOf(LitmusWriter.Unsupported.class).hasMessageContaining(r[1]);
        }
    }
}
