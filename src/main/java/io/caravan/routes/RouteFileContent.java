package io.caravan.routes;

import java.util.List;

import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

/** What one route file defines: routes and route templates, not yet in the Camel context. */
record RouteFileContent(List<RouteDefinition> routes, List<RouteTemplateDefinition> templates) {

    static final RouteFileContent EMPTY = new RouteFileContent(List.of(), List.of());

    List<String> routeIds() {
        return routes.stream().map(RouteDefinition::getRouteId).toList();
    }

    List<String> templateIds() {
        return templates.stream().map(RouteTemplateDefinition::getId).toList();
    }
}
