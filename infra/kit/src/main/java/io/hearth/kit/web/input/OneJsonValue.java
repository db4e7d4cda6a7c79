package io.hearth.kit.web.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A JSON body is one JSON value: {@code {"name":"x"} and more} is refused, naming where the rest begins, where the
 * parser alone would read the first value and drop the rest unseen. The value itself is read as before.
 */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
@Order(-100)
public final class OneJsonValue<T> implements MessageBodyReader<T> {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonMapper mapper;

    public OneJsonValue(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean isReadable(Argument<T> type, MediaType mediaType) {
        return mediaType != null && mediaType.matches(MediaType.APPLICATION_JSON_TYPE)
                // Raw bodies (a Stripe webhook is checked byte for byte) and streams are read by the framework as they are.
                && !CharSequence.class.isAssignableFrom(type.getType()) && type.getType() != byte[].class
                && !io.micronaut.core.io.buffer.ByteBuffer.class.isAssignableFrom(type.getType())
                && !org.reactivestreams.Publisher.class.isAssignableFrom(type.getType());
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, ByteBuffer<?> byteBuffer) throws CodecException {
        T value = read(type, byteBuffer.toByteArray());
        // A reader that succeeds owns the buffer (the framework releases it only when reading fails), as its own JSON
        // reader does: pooled memory goes back.
        if (byteBuffer instanceof io.micronaut.core.io.buffer.ReferenceCounted counted) {
            counted.release();
        }
        return value;
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, InputStream inputStream) throws CodecException {
        try {
            return read(type, inputStream.readAllBytes());
        } catch (IOException e) {
            throw new CodecException("The body could not be read", e);
        }
    }

    private T read(Argument<T> type, byte[] body) {
        requireOneValue(body);
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw new CodecException("Error decoding JSON body: " + e.getMessage(), e);
        }
    }

    /** Nothing but white space after the first value; a first value that does not parse is left to the mapper's own error. */
    static void requireOneValue(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() == null) {
                return;
            }
            parser.skipChildren();
            JsonToken after;
            try {
                after = parser.nextToken();
            } catch (IOException notJson) {
                after = JsonToken.NOT_AVAILABLE;
            }
            if (after != null) {
                String where = " at line " + parser.currentTokenLocation().getLineNr() + ", column " + parser.currentTokenLocation().getColumnNr();
                throw new Refusal(Refusal.Kind.MALFORMED, CommonCode.VALIDATION_ERROR, "The body holds more than one JSON value: text follows it" + where,
                        List.of(new Refusal.FieldError("body", "must be one JSON value, with nothing after it")));
            }
        } catch (IOException firstValueBroken) {
            // The mapper reads it next and says what is wrong, in the words ProblemResponses gives it.
        }
    }
}
