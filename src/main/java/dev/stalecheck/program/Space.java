package dev.stalecheck.program;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed translation (the language's {@code space}): virtual ranges mapped to physical ones, with no
 * page-table walk and no TLB.
 *
 * @param name     the space's name
 * @param mappings its ranges; they must not overlap virtually
 */
public record Space(String name, List<Mapping> mappings) {
    /** Validates that no two mappings overlap. */
    public Space {
        mappings = List.copyOf(mappings);
        for (int i = 0; i < mappings.size(); i++) {
            for (int j = i + 1; j < mappings.size(); j++) {
                if (mappings.get(i).overlapsVirtual(mappings.get(j))) {
                    throw new IllegalArgumentException("space " + name + ": mappings " + mappings.get(i).describe()
                            + " and " + mappings.get(j).describe() + " overlap");
                }
            }
        }
    }

    /** Translates {@code va}: the mapping containing it, or a translation fault. */
    public Translation translate(long va) {
        for (Mapping m : mappings) {
            if (m.containsVirtual(va)) {
                return new Translation.Translated(m.physicalBase() + (va - m.virtualBase()), m.type(), m.shareable());
            }
        }
        return new Translation.Faulted(FaultKind.TRANSLATION, 0);
    }

    /** Every (virtual address, mapping) of this space whose mapping covers physical address {@code pa}. */
    public List<Alias> aliasesOf(long pa) {
        List<Alias> out = new ArrayList<>();
        for (Mapping m : mappings) {
            if (m.containsPhysical(pa)) {
                out.add(new Alias(m.virtualBase() + (pa - m.physicalBase()), m));
            }
        }
        return out;
    }

    /**
     * A virtual address that maps a given physical address.
     *
     * @param virtualAddress the alias
     * @param mapping        the mapping that gives it
     */
    public record Alias(long virtualAddress, Mapping mapping) {
    }
}
