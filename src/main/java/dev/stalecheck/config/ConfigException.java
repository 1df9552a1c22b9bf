package dev.stalecheck.config;

/** A machine configuration that cannot be built; the message names the offending field. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the field and says what is wrong. */
    public ConfigException(String message) {
        super(message);
    }
}
