package io.hearth.kit.web.input;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Every string read from a JSON body passes {@link TextRule}: a NUL or a lone surrogate anywhere in a body is a 422
 * naming the property. It takes the place of the built-in string deserializer by its order.
 */
@Singleton
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class StorableTextDeserializer implements Deserializer<String> {

    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        return TextRule.require(type.getName(), decoder.decodeString());
    }

    @Override
    public String deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        return TextRule.require(type.getName(), decoder.decodeStringNullable());
    }
}
