package io.caravan.routes;

import java.util.List;

/** A route file as it runs: the text it was loaded from, and the ids of the routes and templates it defines. */
record LoadedRouteFile(String text, List<String> routeIds, List<String> templateIds) {
}
