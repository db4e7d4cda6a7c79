package io.hearth.notifications;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A text is a command only when the whole of it is the word, in any case, spaces around allowed. */
class TextCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", "Stop", " StOp \n", "UNSUBSCRIBE", "unsubscribe", "END", "end", "QUIT", "Quit", "CANCEL", "cancel\t"})
    void eachStopWordInAnyCaseIsAStop(String text) {
        assertThat(TextCommand.of(text)).contains(TextCommand.STOP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "start", " Start "})
    void startIsAStart(String text) {
        assertThat(TextCommand.of(text)).contains(TextCommand.START);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELP", "help", " Help\n"})
    void helpIsHelp(String text) {
        assertThat(TextCommand.of(text)).contains(TextCommand.HELP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop please", "please stop", "STOP!", "S T O P", "stopp", "", " ", "unsubscribe me", "end.", "restart", "help me"})
    void anythingElseIsNoCommand(String text) {
        assertThat(TextCommand.of(text)).isEmpty();
    }
}
