package io.hearth.kit.web.input;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Map;

/**
 * Query values and the decoded path pass {@link TextRule} before routing: {@code ?q=%00} is a 422 naming {@code q},
 * for every route at once, instead of a failed query.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class QueryTextFilter implements Ordered {

    @RequestFilter
    public void requireStorableText(HttpRequest<?> request) {
        // The path as routes see it: its variables are decoded, so %00 in a path is a NUL in the value.
        TextRule.require("path", decodedPath(request.getPath()));
        for (Map.Entry<String, List<String>> parameter : request.getParameters().asMap().entrySet()) {
            TextRule.require(parameter.getKey(), parameter.getKey());
            for (String value : parameter.getValue()) {
                TextRule.require(parameter.getKey(), value);
            }
        }
    }

    /** Percent-decoding as for a path (a '+' stays a '+'); escapes that are no UTF-8 are refused as the path's text. */
    static String decodedPath(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new io.hearth.kit.Refusal(io.hearth.kit.Refusal.Kind.INVALID, io.hearth.kit.CommonCode.VALIDATION_ERROR,
                    "'path' must be UTF-8 text", List.of(new io.hearth.kit.Refusal.FieldError("path", "must be UTF-8 text")));
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }
}
