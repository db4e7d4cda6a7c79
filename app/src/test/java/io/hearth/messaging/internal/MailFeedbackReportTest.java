package io.hearth.messaging.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivery status notifications (RFC 3464) and abuse reports (RFC 5965) read from raw messages shaped as their RFCs' examples. */
public class MailFeedbackReportTest {

    public static final String REF = "2b1f3c4d-0000-4000-8000-000000000001.k1.abcDEF";

    /** A DSN as RFC 3464 §A.3 shapes it: one permanent failure and one delay, with the original's headers. */
    public static String dsn(String ref, String action, String status) {
        return String.join("\r\n",
                "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>",
                "To: bounces@hearth.example",
                "Subject: Returned mail: see transcript for details",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"RAA14128.773615765/CS.UTK.EDU\"",
                "",
                "--RAA14128.773615765/CS.UTK.EDU",
                "Content-Type: text/plain",
                "",
                "The original message was received and could not be delivered.",
                "",
                "--RAA14128.773615765/CS.UTK.EDU",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; mx.example.org",
                "Arrival-Date: Sat, 5 Dec 2026 18:51:08 +0000",
                "",
                "Final-Recipient: RFC822; Tom.Reed@Example.org",
                "Action: " + action,
                "Status: " + status,
                "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
                "",
                "Final-Recipient: rfc822; sam@example.org",
                "Action: delayed",
                "Status: 4.4.7",
                "",
                "--RAA14128.773615765/CS.UTK.EDU",
                "Content-Type: text/rfc822-headers",
                "",
                "From: Hearth <no-reply@hearth.example>",
                "To: tom.reed@example.org",
                "Subject: A new announcement",
                ref == null ? "X-Other: 1" : "X-Hearth-Ref: " + ref,
                "",
                "--RAA14128.773615765/CS.UTK.EDU--",
                "");
    }

    /** An abuse report as RFC 5965 §B.1 shapes it, quoting the whole original message. */
    public static String arf(String ref, String feedbackType, boolean originalRcptTo) {
        return String.join("\r\n",
                "From: <abusedesk@example.com>",
                "To: <abuse@hearth.example>",
                "Subject: FW: A new announcement",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=feedback-report; boundary=\"part1_13d.2e68ed54_boundary\"",
                "",
                "--part1_13d.2e68ed54_boundary",
                "Content-Type: text/plain; charset=\"US-ASCII\"",
                "",
                "This is an email abuse report for an email message received from IP 192.0.2.1.",
                "",
                "--part1_13d.2e68ed54_boundary",
                "Content-Type: message/feedback-report",
                "",
                "Feedback-Type: " + feedbackType,
                "User-Agent: SomeGenerator/1.0",
                "Version: 1",
                originalRcptTo ? "Original-Rcpt-To: <tom.reed@example.org>" : "Reported-Domain: hearth.example",
                "",
                "--part1_13d.2e68ed54_boundary",
                "Content-Type: message/rfc822",
                "Content-Disposition: inline",
                "",
                "From: Hearth <no-reply@hearth.example>",
                "To: Tom Reed <tom.reed@example.org>",
                "Subject: A new announcement",
                "X-Hearth-Ref: " + ref,
                "",
                "Body of the announcement.",
                "",
                "--part1_13d.2e68ed54_boundary--",
                "");
    }

    private static MailFeedbackReport.Read read(String raw) {
        return MailFeedbackReport.read(raw.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    @Test
    void aPermanentFailureIsABounceOfItsRecipientAndADelayIsNothing() {
        MailFeedbackReport.Read report = read(dsn(REF, "failed", "5.1.1"));

        assertThat(report.reference()).contains(REF);
        assertThat(report.items()).containsExactly(new MailFeedbackReport.Item(MailFeedbackReport.Kind.BOUNCE, "tom.reed@example.org",
                "5.1.1 smtp; 550 5.1.1 User unknown"));
    }

    @Test
    void aTemporaryFailureOrADelayIsNoBounce() {
        assertThat(read(dsn(REF, "failed", "4.2.2")).items()).isEmpty();
        assertThat(read(dsn(REF, "delayed", "4.4.7")).items()).isEmpty();
        assertThat(read(dsn(REF, "delivered", "2.0.0")).items()).isEmpty();
    }

    @Test
    void aComplaintNamesItsRecipientFromTheReportOrElseFromTheQuotedMail() {
        MailFeedbackReport.Read named = read(arf(REF, "abuse", true));
        MailFeedbackReport.Read quoted = read(arf(REF, "abuse", false));

        assertThat(named.items()).containsExactly(new MailFeedbackReport.Item(MailFeedbackReport.Kind.COMPLAINT, "tom.reed@example.org",
                "feedback-type abuse"));
        assertThat(quoted.items()).extracting(MailFeedbackReport.Item::address).containsExactly("tom.reed@example.org");
        assertThat(named.reference()).contains(REF);
        assertThat(read(arf(REF, "not-spam", true)).items()).as("a reader who says it is not spam complains of nothing").isEmpty();
    }

    @Test
    void aMessageThatIsNoReportIsNothingToReadAndAReportWithoutOurReferenceSaysSo() {
        assertThat(MailFeedbackReport.read("From: a@b.c\r\nSubject: Out of office\r\n\r\nI am away.\r\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(MailFeedbackReport.read(new byte[] {0, 1, 2, (byte) 0xff})).isEmpty();
        assertThat(read(dsn(null, "failed", "5.1.1")).reference()).isEmpty();
    }

    @Test
    void anAddressIsTakenFromItsTypedOrBracketedForm() {
        assertThat(List.of(MailFeedbackReport.address("rfc822; Tom@Example.org"), MailFeedbackReport.address("<tom@example.org>"),
                MailFeedbackReport.address("Tom Reed <tom@example.org>"), MailFeedbackReport.address("rfc822;"), MailFeedbackReport.address("nobody")))
                .containsExactly("tom@example.org", "tom@example.org", "tom@example.org", "", "");
    }
}
