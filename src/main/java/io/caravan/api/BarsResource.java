package io.caravan.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/bars")
@Produces(MediaType.APPLICATION_JSON)
public class BarsResource {

    private final BarQueryParser parser;
    private final BarHistory history;

    public BarsResource(BarQueryParser parser, BarHistory history) {
        this.parser = parser;
        this.history = history;
    }

    @GET
    @Path("/{symbol}")
    @Operation(summary = "OHLCV bars of a symbol, oldest first",
            description = "Bars whose open time is in [from, to), the newest `limit` of them. Closed bars come from "
                    + "the database and memory; the last bar may be the one still in progress (`closed: false`).")
    @APIResponse(responseCode = "200", description = "The bars (an empty list for a symbol without any)")
    @APIResponse(responseCode = "400", description = "Unknown interval, bad time range or limit; `error` says which")
    public BarSeries bars(
            @Parameter(description = "Symbol as the feed names it, e.g. AAPL or BINANCE:BTCUSDT (URL-encoded)") @PathParam("symbol") String symbol,
            @Parameter(description = "One of caravan.intervals; default the smallest") @QueryParam("interval") String interval,
            @Parameter(description = "Earliest open time: epoch ms or ISO-8601, inclusive") @QueryParam("from") String from,
            @Parameter(description = "Latest open time: epoch ms or ISO-8601, exclusive") @QueryParam("to") String to,
            @Parameter(description = "At most this many (newest) bars; default caravan.api.default-limit, at most caravan.api.max-limit") @QueryParam("limit") String limit) {
        return history.find(symbol, parser.parse(interval, from, to, limit));
    }
}
