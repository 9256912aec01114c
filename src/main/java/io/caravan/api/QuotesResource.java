package io.caravan.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.caravan.quote.QuoteBook;

@Path("/api/quotes")
@Produces(MediaType.APPLICATION_JSON)
public class QuotesResource {

    private final QuoteBook book;
    private final QuoteViews views;

    public QuotesResource(QuoteBook book, QuoteViews views) {
        this.book = book;
        this.views = views;
    }

    @GET
    @Operation(summary = "The latest quote of every symbol that has traded, by symbol",
            description = "Last price, previous close and change (null until a previous day is known), the day's "
                    + "volume, time of the last trade, market, feed status and the alert state.")
    public List<QuoteView> quotes() {
        return book.all().stream().map(views::of).toList();
    }
}
