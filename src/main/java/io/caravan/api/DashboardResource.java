package io.caravan.api;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.caravan.CaravanConfig;
import io.caravan.alert.PriceAlerts;
import io.caravan.bar.Interval;
import io.caravan.quote.QuoteBook;

@Path("/api/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    private final CaravanConfig config;
    private final BarQueryParser parser;
    private final QuoteBook book;
    private final PriceAlerts alerts;

    public DashboardResource(CaravanConfig config, BarQueryParser parser, QuoteBook book, PriceAlerts alerts) {
        this.config = config;
        this.parser = parser;
        this.book = book;
        this.alerts = alerts;
    }

    @GET
    @Operation(summary = "Symbols (configured and traded), intervals, push rate and alert rule, for the page")
    public DashboardSettings settings() {
        Set<String> symbols = new LinkedHashSet<>();
        config.symbols().stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(symbols::add);
        book.all().forEach(q -> symbols.add(q.symbol()));
        return new DashboardSettings(symbols.stream().toList(), parser.intervals().stream().map(Interval::label).toList(),
                config.dashboard().pushInterval().toMillis(), alerts.rule());
    }
}
