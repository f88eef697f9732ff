package com.connectsoft.factory.platform.secrets;

import java.util.Locale;
import java.util.regex.Pattern;

/** The naming rule every Secrets adapter applies (Key Vault's): 1-127 letters, digits or '-', compared without case. */
final class SecretNames {
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");

    private SecretNames() {
    }

    /** The name in lower case, the form adapters key it by. */
    static String check(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            String shown = name == null ? "null" : "'" + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "'";
            throw new IllegalArgumentException("secret name " + shown + " is invalid: use 1-127 letters, digits or '-' (Key Vault's rule)");
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
