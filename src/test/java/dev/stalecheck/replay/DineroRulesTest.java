package dev.stalecheck.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --rules dinero}: Dinero IV's accounting on small din traces whose counts are derived by hand. */
class DineroRulesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** I1 1 KiB direct-mapped, D1 256 B 2-way (2 sets of 64 B lines), L2 4 KiB 4-way; all 64 B lines. */
    private static final String[] GEOMETRY = {"--I1", "1024,1,64", "--D1", "256,2,64", "--LL", "4096,4,64"};

    @TempDir
    Path dir;

    private JsonNode cache(String trace, String name) throws IOException {
        Path t = Cli.write(dir, "t.din", trace);
        String[] args = new String[GEOMETRY.length + 5];
        args[0] = "replay";
        args[1] = "-q";
        args[2] = "--json";
        args[3] = "--rules=dinero";
        System.arraycopy(GEOMETRY, 0, args, 4, GEOMETRY.length);
        args[args.length - 1] = t.toString();
        Cli.Result r = Cli.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        for (JsonNode c : MAPPER.readTree(r.out()).get("caches")) {
            if (c.get("cache").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no cache " + name);
    }

    private static final String TRACE = "w 1000 8\nr 1008 8\nr 103c 8\ni 2000 4\nr 9000 8\nr 11000 8\n";

    @Test
    void eachLineAReferenceTouchesIsItsOwnDemandFetch() throws IOException {
        // D1 sets: block 0x40 (0x1000) set 0, 0x41 set 1, 0x240 (0x9000) set 0, 0x440 (0x11000) set 0.
        // w 1000: write miss, allocated dirty. r 1008: hit. r 103c,8 straddles 0x1040: two fetches, a hit on block
        // 0x40 and a read miss on 0x41 (one multi-block ref). r 9000: miss, set 0 full. r 11000: miss, evicts LRU
        // block 0x40, which is dirty: one write-back. Fetches 6 (5 read, 1 write), misses 4 (3 read, 1 write).
        JsonNode d1 = cache(TRACE, "l1-dcache");
        assertThat(d1.at("/demand_fetches/read").asLong()).isEqualTo(5);
        assertThat(d1.at("/demand_fetches/write").asLong()).isEqualTo(1);
        assertThat(d1.at("/demand_misses/read").asLong()).isEqualTo(3);
        assertThat(d1.at("/demand_misses/write").asLong()).isEqualTo(1);
        assertThat(d1.get("multiblock_refs").asLong()).isEqualTo(1);
        assertThat(d1.get("write_backs").asLong()).isEqualTo(1);
        assertThat(d1.get("bytes_from_next_level").asLong()).as("4 misses x 64 B").isEqualTo(256);
        assertThat(d1.get("bytes_to_next_level").asLong()).isEqualTo(64);
    }

    @Test
    void theLastLevelSeesBlockFetchesAndWriteBacksFromBothL1s() throws IOException {
        // L2 gets: the D1 write miss as a read fetch (a partial write needs the block), three D1 read misses, one I1
        // miss, and the write-back of block 0x40, which hits (the block was fetched first). 6 fetches, 5 misses.
        JsonNode l2 = cache(TRACE, "l2-ucache");
        assertThat(l2.at("/demand_fetches/total").asLong()).isEqualTo(6);
        assertThat(l2.at("/demand_fetches/instrn").asLong()).isEqualTo(1);
        assertThat(l2.at("/demand_fetches/write").asLong()).isEqualTo(1);
        assertThat(l2.at("/demand_misses/total").asLong()).isEqualTo(5);
        assertThat(l2.at("/demand_misses/write").asLong()).isZero();
    }

    @Test
    void aWriteOfAWholeLineNeedsNoFetch() throws IOException {
        // Write-allocate fetches the rest of a block on a partial write; a 64-byte aligned write supplies all of it.
        JsonNode d1 = cache("w 1000 40\n", "l1-dcache");
        assertThat(d1.at("/demand_misses/write").asLong()).isEqualTo(1);
        assertThat(d1.get("bytes_from_next_level").asLong()).isZero();
        assertThat(cache("w 1000 40\n", "l2-ucache").at("/demand_fetches/total").asLong()).isZero();
    }

    @Test
    void cleanWritesBackThroughEveryLevelAndInvalidateDiscards() throws IOException {
        // w: dirty in D1. c: D1 writes the block into L2 (an L2 write fetch, a hit), then L2 writes it to memory.
        // w again: dirty in D1 (hit). v: dropped everywhere without a write-back. r: misses in D1 and in L2.
        String trace = "w 1000 8\nc 1000 8\nw 1000 8\nv 1000 8\nr 1000 8\n";
        JsonNode d1 = cache(trace, "l1-dcache");
        assertThat(d1.get("write_backs").asLong()).isEqualTo(1);
        assertThat(d1.at("/demand_misses/total").asLong()).isEqualTo(2);
        JsonNode l2 = cache(trace, "l2-ucache");
        assertThat(l2.get("write_backs").asLong()).isEqualTo(1);
        assertThat(l2.at("/demand_fetches/write").asLong()).isEqualTo(1);
        assertThat(l2.at("/demand_misses/read").asLong()).isEqualTo(2);
    }

    @Test
    void impossibleGeometriesAreInputErrorsUnderBothRules() {
        // Zero ways would divide by zero when counting sets; 1000 B in 3 ways of 64 B is not a power-of-two set count.
        Path t = Cli.write(dir, "g.din", "r 1000 4\n");
        for (String rules : new String[] {"cachegrind", "dinero"}) {
            for (String i1 : new String[] {"0,0,64", "1000,3,64"}) {
                Cli.Result r = Cli.run("replay", "-q", "--rules", rules, "--I1", i1, t.toString());
                assertThat(r.exit()).as(rules + " " + i1).isEqualTo(2);
                assertThat(r.err()).contains("sets and line size must be powers of two").doesNotContain("Exception");
            }
        }
    }

    @Test
    void aLackeyModifyIsAReadThenAWrite() throws IOException {
        // M 0x3000,4: a read miss then a write hit of the same block.
        Path t = Cli.write(dir, "m.txt", "I  00001000,4\n M 00003000,4\n");
        Cli.Result r = Cli.run("replay", "-q", "--json", "--rules", "dinero", "--I1", "1024,1,64", "--D1", "256,2,64",
                "--LL", "4096,4,64", t.toString());
        JsonNode d1 = MAPPER.readTree(r.out()).get("caches").get(1);
        assertThat(d1.at("/demand_fetches/read").asLong()).isEqualTo(1);
        assertThat(d1.at("/demand_fetches/write").asLong()).isEqualTo(1);
        assertThat(d1.at("/demand_misses/total").asLong()).isEqualTo(1);
    }
}
