package io.hearth.json;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serializer;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.io.IOException;

/** JSON text stored as is (a jsonb column) and written into a response as JSON, not as a string. */
@Schema(name = "RawJson")
@Serdeable.Serializable(using = RawJson.RawJsonSerializer.class)
public record RawJson(String json) {

    @Singleton
    public static final class RawJsonSerializer implements Serializer<RawJson> {
        private final io.micronaut.json.JsonMapper mapper;

        public RawJsonSerializer(io.micronaut.json.JsonMapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public void serialize(Encoder encoder, EncoderContext context, Argument<? extends RawJson> type, RawJson value) throws IOException {
            io.micronaut.json.tree.JsonNode node = mapper.readValue(value.json(), io.micronaut.json.tree.JsonNode.class);
            Argument<io.micronaut.json.tree.JsonNode> nodeType = Argument.of(io.micronaut.json.tree.JsonNode.class);
            context.findSerializer(nodeType).createSpecific(context, nodeType).serialize(encoder, context, nodeType, node);
        }
    }
}
