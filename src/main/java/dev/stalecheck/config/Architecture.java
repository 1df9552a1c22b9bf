package dev.stalecheck.config;

/** The architecture version a machine implements; it decides which warnings apply (e.g. aliasing data caches). */
public enum Architecture {
    /** ARMv6: data caches may alias (VIPT with colours). */
    ARMV6("ARMv6"),
    /** ARMv7-A: data caches behave as PIPT. */
    ARMV7("ARMv7-A"),
    /** ARMv8-A. */
    ARMV8("ARMv8-A");

    private final String text;

    Architecture(String text) {
        this.text = text;
    }

    /** The architecture's usual name. */
    public String text() {
        return text;
    }
}
