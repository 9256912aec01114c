package io.caravan.api;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused query becomes {@code 400 {"error": "..."}}. */
@Provider
public class BadQueryMapper implements ExceptionMapper<BadQueryException> {

    @Override
    public Response toResponse(BadQueryException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage())).build();
    }
}
