package io.hearth.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mail template read from the class path (a {@code .html} or a {@code .txt} resource), in a small subset of
 * Mustache written on the JDK:
 * <ul>
 *   <li>{@code {{name}}}: the model's value; in an HTML template every value is HTML-escaped (titles, bodies and
 *   names come from people), and there is no way to write one unescaped;</li>
 *   <li>{@code {{@key}}}: the string {@code key} of the template's resource bundle (its locale's words), itself filled
 *   with the model's values as above and escaped as a whole in HTML (a string holds text, never markup);</li>
 *   <li>{@code {{#name}}...{{/name}}}: once per item when the value is a list (each item a map whose values hide the
 *   outer ones), once when it is {@code true} or a non-empty string, never when it is absent, false or empty;
 *   {@code {{^name}}...{{/name}}} the opposite.</li>
 * </ul>
 * A section tag alone on its line takes its line with it, so that a text template reads as it renders. A name the
 * model lacks is an error, not an empty string: a template and its caller are held together by tests.
 */
public final class MailTemplate {

    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*([#^/@]?)\\s*([A-Za-z][A-Za-z0-9_.]*)\\s*}}");

    private final String name;
    private final boolean html;
    private final List<Node> nodes;

    private MailTemplate(String name, boolean html, List<Node> nodes) {
        this.name = name;
        this.html = html;
        this.nodes = nodes;
    }

    /** The template at this class-path resource ({@code mail/notification.html}); HTML when its name ends in {@code .html}. */
    public static MailTemplate load(String resource) {
        try (InputStream in = MailTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no mail template " + resource);
            }
            return parse(resource, resource.endsWith(".html"), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read mail template " + resource, e);
        }
    }

    /** A template from its text: {@code html} says whether values are HTML-escaped. */
    public static MailTemplate parse(String name, boolean html, String source) {
        Deque<Opened> open = new ArrayDeque<>();
        List<Node> root = new ArrayList<>();
        List<Node> into = root;
        Matcher tag = TAG.matcher(source);
        int at = 0;
        while (tag.find()) {
            String sigil = tag.group(1);
            String key = tag.group(2);
            int start = tag.start();
            int end = tag.end();
            boolean section = sigil.equals("#") || sigil.equals("^") || sigil.equals("/");
            if (section) {
                int lineStart = source.lastIndexOf('\n', start - 1) + 1;
                int lineEnd = source.indexOf('\n', end);
                lineEnd = lineEnd < 0 ? source.length() : lineEnd;
                if (source.substring(lineStart, start).isBlank() && source.substring(end, lineEnd).isBlank()) {
                    start = Math.max(lineStart, at);
                    end = Math.min(lineEnd + 1, source.length());
                }
            }
            if (start > at) {
                into.add(new Literal(source.substring(at, start)));
            }
            at = end;
            switch (sigil) {
                case "#", "^" -> {
                    Section opened = new Section(key, sigil.equals("^"), new ArrayList<>());
                    into.add(opened);
                    open.push(new Opened(opened, into));
                    into = opened.body;
                }
                case "/" -> {
                    if (open.isEmpty() || !open.peek().section.key.equals(key)) {
                        throw new IllegalArgumentException(name + ": {{/" + key + "}} closes no open section");
                    }
                    into = open.pop().parent;
                }
                case "@" -> into.add(new Words(key));
                default -> into.add(new Value(key));
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException(name + ": {{#" + open.peek().section.key + "}} is never closed");
        }
        if (at < source.length()) {
            into.add(new Literal(source.substring(at)));
        }
        return new MailTemplate(name, html, List.copyOf(root));
    }

    /** This template filled with the model's values and the bundle's words. */
    public String render(Map<String, ?> model, ResourceBundle words) {
        StringBuilder out = new StringBuilder();
        Scope scope = new Scope(model, null);
        for (Node node : nodes) {
            node.render(this, scope, words, out);
        }
        return out.toString();
    }

    /** {@code & < > " '} as entities: safe in element text and in a quoted attribute. */
    public static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private String written(String value) {
        return html ? escapeHtml(value) : value;
    }

    private record Scope(Map<String, ?> values, Scope outer) {

        Object find(String key) {
            for (Scope scope = this; scope != null; scope = scope.outer) {
                if (scope.values.containsKey(key)) {
                    return scope.values.get(key);
                }
            }
            return null;
        }

        boolean has(String key) {
            for (Scope scope = this; scope != null; scope = scope.outer) {
                if (scope.values.containsKey(key)) {
                    return true;
                }
            }
            return false;
        }
    }

    private interface Node {
        void render(MailTemplate template, Scope scope, ResourceBundle words, StringBuilder out);
    }

    private record Literal(String text) implements Node {
        @Override
        public void render(MailTemplate template, Scope scope, ResourceBundle words, StringBuilder out) {
            out.append(text);
        }
    }

    private record Value(String key) implements Node {
        @Override
        public void render(MailTemplate template, Scope scope, ResourceBundle words, StringBuilder out) {
            if (!scope.has(key)) {
                throw new IllegalArgumentException(template.name + ": the model has no " + key);
            }
            Object value = scope.find(key);
            out.append(template.written(value == null ? "" : value.toString()));
        }
    }

    private record Words(String key) implements Node {
        @Override
        public void render(MailTemplate template, Scope scope, ResourceBundle words, StringBuilder out) {
            String text;
            try {
                text = words.getString(key);
            } catch (MissingResourceException e) {
                throw new IllegalArgumentException(template.name + ": the bundle has no " + key, e);
            }
            StringBuilder filled = new StringBuilder();
            MailTemplate plain = parse(template.name + "@" + key, false, text);
            for (Node node : plain.nodes) {
                node.render(plain, scope, words, filled);
            }
            out.append(template.written(filled.toString()));
        }
    }

    /** A section being parsed, and the nodes it belongs to. */
    private record Opened(Section section, List<Node> parent) {
    }

    private record Section(String key, boolean inverted, List<Node> body) implements Node {
        @Override
        public void render(MailTemplate template, Scope scope, ResourceBundle words, StringBuilder out) {
            Object value = scope.find(key);
            if (inverted) {
                if (!truthy(value)) {
                    body.forEach(node -> node.render(template, scope, words, out));
                }
                return;
            }
            if (value instanceof List<?> items) {
                for (Object item : items) {
                    Scope inner = item instanceof Map<?, ?> map ? new Scope(stringKeys(map), scope) : scope;
                    body.forEach(node -> node.render(template, inner, words, out));
                }
            } else if (truthy(value)) {
                body.forEach(node -> node.render(template, scope, words, out));
            }
        }

        private static boolean truthy(Object value) {
            if (value == null || Boolean.FALSE.equals(value)) {
                return false;
            }
            if (value instanceof String text) {
                return !text.isEmpty();
            }
            return !(value instanceof List<?> items) || !items.isEmpty();
        }

        @SuppressWarnings("unchecked")
        private static Map<String, ?> stringKeys(Map<?, ?> map) {
            return (Map<String, ?>) map;
        }
    }
}
