package dev.groundwork.examples.conduit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The service's one mapper: what it writes is what the document describes (api-docs reads this mapper). */
final class Json {

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    ObjectMapper mapper() {
        return mapper;
    }

    /** Reads a request body; anything malformed is a 422 naming the problem, never a stack trace. */
    <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ApiError.unprocessable("the request needs a JSON body");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiError.unprocessable("the body is null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiError.unprocessable("unknown field \"" + e.getPropertyName() + "\"");
        } catch (JacksonException e) {
            throw ApiError.unprocessable("the body is not valid JSON of the expected shape");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName(), e);
        }
    }
}
