package io.caravan.routes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;

/**
 * Routes added from a route template, with the parameters they were made with. Camel keeps no link from such a route
 * to its template, so this is what lets a reload of the template's file make the same routes again from the new
 * template (Camel's own reload leaves them out).
 */
@ApplicationScoped
public class RouteTemplateInstances {

    /** One route made from a template. */
    public record Instance(String templateId, String routeId, Map<String, Object> parameters) {
    }

    private final Map<String, Instance> byRoute = new LinkedHashMap<>();

    /** Adds the route (not started unless the template says so) and remembers how it was made. */
    public synchronized String add(CamelContext context, String templateId, String routeId,
            Map<String, Object> parameters) {
        Instance instance = new Instance(templateId, routeId, Map.copyOf(parameters));
        create(context, instance);
        byRoute.put(routeId, instance);
        return routeId;
    }

    synchronized List<Instance> of(List<String> templateIds) {
        return byRoute.values().stream().filter(i -> templateIds.contains(i.templateId())).toList();
    }

    synchronized void forget(Instance instance) {
        byRoute.remove(instance.routeId());
    }

    static void create(CamelContext context, Instance instance) {
        TemplatedRouteBuilder.builder(context, instance.templateId()).routeId(instance.routeId())
                .parameters(instance.parameters()).add();
    }
}
