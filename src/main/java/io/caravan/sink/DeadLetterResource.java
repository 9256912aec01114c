package io.caravan.sink;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /api/dead-letter/bars/redrive?sinks=jdbc,redis}: the bar dead letter fed back through those sinks
 * ({@link BarRedrive}). A management operation: only for clients on the loopback interface, and never for a web page
 * (a request with an {@code Origin}).
 */
@Path("/api/dead-letter/bars/redrive")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final BarRedrive redrive;

    public DeadLetterResource(BarRedrive redrive) {
        this.redrive = redrive;
    }

    @POST
    @Operation(summary = "Re-drive the bar dead letter through the given sinks (loopback clients only)")
    public Response redrive(@QueryParam("sinks") String sinks, @Context HttpServerRequest request) throws IOException {
        String address = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        boolean loopback = address.startsWith("127.") || "0:0:0:0:0:0:0:1".equals(address) || "::1".equals(address);
        if (!loopback || request.getHeader(HttpHeaders.ORIGIN) != null) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(Map.of("error", "only loopback clients, not web pages, may re-drive the dead letter")).build();
        }
        if (sinks == null || sinks.isBlank() || sinks.length() > 1_000) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", "name the sinks: ?sinks=jdbc,redis"))
                    .build();
        }
        Set<String> chosen = new LinkedHashSet<>();
        Arrays.stream(sinks.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(chosen::add);
        try {
            return Response.ok(Map.of("redriven", redrive.redrive(chosen))).build();
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        }
    }
}
