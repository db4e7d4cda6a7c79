package io.hearth.crypto;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of keys as configuration gives them: {@code "kid:base64,kid:base64"}. The first is the one in use; the
 * others stay readable so that a key can rotate without breaking what it protected.
 */
public record KeyList(String activeId, Map<String, byte[]> keys) {

    public static KeyList parse(String setting, String name) {
        if (setting == null || setting.isBlank()) {
            throw new IllegalStateException(name + " is not configured: set it as \"kid:base64[,kid:base64...]\" in the environment");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalStateException(name + " has an entry that is not \"kid:base64\"");
            }
            String id = trimmed.substring(0, colon);
            if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalStateException(name + " has a key id that is not [A-Za-z0-9._-]{1,64}: " + id);
            }
            try {
                keys.put(id, Base64.getDecoder().decode(trimmed.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(name + " key " + id + " is not base64", e);
            }
            ids.add(id);
        }
        return new KeyList(ids.get(0), Map.copyOf(keys));
    }
}
