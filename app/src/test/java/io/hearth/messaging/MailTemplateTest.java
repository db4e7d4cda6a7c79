package io.hearth.messaging;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailTemplateTest {

    private final ResourceBundle words = new ListResourceBundle() {
        @Override
        protected Object[][] getContents() {
            return new Object[][] {{"hello", "Hello from {{organisation}} & co"}};
        }
    };

    @Test
    void anHtmlTemplateEscapesEveryValueAndEveryBundleString() {
        MailTemplate html = MailTemplate.parse("t.html", true, "<h1>{{title}}</h1><a href=\"{{link}}\">{{@hello}}</a>");

        String out = html.render(Map.of("title", "<script>alert(\"x\")</script> & 'y'", "link", "https://a.example/?a=1&b=\"2\"",
                "organisation", "<b>Men</b>"), words);

        assertThat(out).isEqualTo("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</h1>"
                + "<a href=\"https://a.example/?a=1&amp;b=&quot;2&quot;\">Hello from &lt;b&gt;Men&lt;/b&gt; &amp; co</a>");
    }

    @Test
    void aTextTemplateWritesValuesAsTheyAre() {
        MailTemplate text = MailTemplate.parse("t.txt", false, "{{title}}: {{@hello}}");

        assertThat(text.render(Map.of("title", "<Dinner> & \"talk\"", "organisation", "A&B"), words)).isEqualTo("<Dinner> & \"talk\": Hello from A&B & co");
    }

    @Test
    void aSectionRepeatsForEachItemAndItsLinesGoWithIt() {
        MailTemplate text = MailTemplate.parse("t.txt", false, "Items:\n{{#items}}\n* {{title}} ({{organisation}})\n{{#note}}\n  {{note}}\n{{/note}}\n{{/items}}\nend\n");

        String out = text.render(Map.of("organisation", "Acme", "items", List.of(Map.of("title", "one", "note", "first"), Map.of("title", "two", "note", ""))),
                words);

        assertThat(out).isEqualTo("Items:\n* one (Acme)\n  first\n* two (Acme)\nend\n");
    }

    @Test
    void anInvertedSectionShowsWhatIsAbsentFalseOrEmpty() {
        MailTemplate text = MailTemplate.parse("t.txt", false, "{{#weekly}}week{{/weekly}}{{^weekly}}day{{/weekly}}|{{^items}}none{{/items}}");

        assertThat(text.render(Map.of("weekly", true, "items", List.of()), words)).isEqualTo("week|none");
        assertThat(text.render(Map.of("weekly", false, "items", List.of(Map.of())), words)).isEqualTo("day|");
    }

    @Test
    void aNameTheModelLacksOrAnUnclosedSectionIsAnError() {
        assertThatThrownBy(() -> MailTemplate.parse("t.txt", false, "{{missing}}").render(Map.of(), words)).hasMessageContaining("missing");
        assertThatThrownBy(() -> MailTemplate.parse("t.txt", false, "{{#items}}x")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> MailTemplate.parse("t.txt", false, "x{{/items}}")).hasMessageContaining("closes no open section");
    }
}
