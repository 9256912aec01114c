package io.caravan.routes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a route file as it now is, replacing only the routes and templates that file defines. Routes of other
 * files and of Java (the bar aggregation) are never touched.
 * <ol>
 * <li>The text is parsed and a copy of its routes is built without starting it ({@link RouteBuildCheck}); a file
 * that fails here is refused with one log line and nothing running changes.</li>
 * <li>The file's old routes, its templates and the routes made from them are removed; the new templates and routes
 * are added, routes made from the templates are made again with their old parameters, and every replaced route that
 * was running is started again (feed routes are {@code autoStartup: false}, started by the feed starter). A route
 * that was stopped stays stopped.</li>
 * <li>If adding fails half way, what was added is removed and the previous text of the file is applied again.</li>
 * </ol>
 * Calls are serialised: the watcher calls from one thread, startup before the watcher runs.
 */
@ApplicationScoped
public class RouteFileReloader {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFileReloader.class);

    /** What a reload did. */
    public enum Outcome {
        UNCHANGED, APPLIED, REJECTED
    }

    private final CamelContext context;
    private final RouteFileParser parser;
    private final RouteBuildCheck check;
    private final RouteTemplateInstances instances;
    private final Map<Path, LoadedRouteFile> files = new LinkedHashMap<>();
    /** The text last refused per file, so the second event of one save does not log the same error twice. */
    private final Map<Path, String> refused = new HashMap<>();

    RouteFileReloader(CamelContext context, RouteFileParser parser, RouteBuildCheck check,
            RouteTemplateInstances instances) {
        this.context = context;
        this.parser = parser;
        this.check = check;
        this.instances = instances;
    }

    /**
     * Learns which file each route and template Camel loaded at startup came from, and that file's text, so that a
     * later edit replaces exactly those routes.
     */
    public synchronized void adoptLoadedRoutes() {
        Map<Path, List<String>> routes = new LinkedHashMap<>();
        Map<Path, List<String>> templates = new LinkedHashMap<>();
        for (RouteDefinition route : model().getRouteDefinitions()) {
            Path file = RouteFiles.of(route.getResource());
            if (file != null && !route.isCreatedFromTemplate()) {
                routes.computeIfAbsent(file, f -> new ArrayList<>()).add(route.getRouteId());
            }
        }
        for (RouteTemplateDefinition template : model().getRouteTemplateDefinitions()) {
            Path file = RouteFiles.of(template.getResource());
            if (file != null) {
                templates.computeIfAbsent(file, f -> new ArrayList<>()).add(template.getId());
            }
        }
        Set<Path> all = new LinkedHashSet<>(routes.keySet());
        all.addAll(templates.keySet());
        for (Path file : all) {
            String text = RouteFiles.read(file);
            if (text != null) {
                files.put(file, new LoadedRouteFile(text, List.copyOf(routes.getOrDefault(file, List.of())),
                        List.copyOf(templates.getOrDefault(file, List.of()))));
            }
        }
    }

    /** Files whose routes run now. */
    public synchronized Set<Path> loadedFiles() {
        return Set.copyOf(files.keySet());
    }

    /** Loads a file at startup; a file that cannot be applied fails startup, as Camel's own loading does. */
    public synchronized void load(Path file) {
        Path key = RouteFiles.normalize(file);
        String text = RouteFiles.read(key);
        if (text == null || files.containsKey(key)) {
            return;
        }
        apply(key, null, text);
        LOG.info("Route file {} loaded: routes {}", key, files.get(key).routeIds());
    }

    /** Applies the file as it is now (removed: its routes go); a file that cannot be applied is logged and refused. */
    public synchronized Outcome reload(Path file) {
        Path key = RouteFiles.normalize(file);
        String text = RouteFiles.read(key);
        LoadedRouteFile old = files.get(key);
        if (Objects.equals(text, old == null ? null : old.text())) {
            refused.remove(key);
            return Outcome.UNCHANGED;
        }
        if (text != null && text.equals(refused.get(key))) {
            return Outcome.UNCHANGED;
        }
        try {
            Change change = apply(key, old, text);
            refused.remove(key);
            LOG.info("Route file {} {}: {}", key, text == null ? "removed" : "reloaded", change);
            return Outcome.APPLIED;
        } catch (RouteFileException e) {
            refused.put(key, text);
            LOG.error("Route file rejected, " + e.describe());
            LOG.debug("Route file {} rejected", key, e);
            return Outcome.REJECTED;
        }
    }

    private Change apply(Path file, LoadedRouteFile old, String text) {
        RouteFileContent next = text == null ? RouteFileContent.EMPTY : parser.parse(file, text);
        refuseIdsOfOthers(file, old, next);
        if (text != null) {
            check.check(file, parser.parse(file, text));
        }
        List<RouteTemplateInstances.Instance> made = old == null ? List.of() : instances.of(old.templateIds());
        List<String> oldIds = new ArrayList<>(old == null ? List.of() : old.routeIds());
        made.forEach(i -> oldIds.add(i.routeId()));
        Set<String> running = new LinkedHashSet<>();
        for (String id : oldIds) {
            if (context.getRouteController().getRouteStatus(id) == ServiceStatus.Started) {
                running.add(id);
            }
        }
        try {
            remove(oldIds, old == null ? List.of() : old.templateIds());
            add(next, made, running);
        } catch (Exception e) {
            restore(file, old, next, made, running);
            throw RouteFileException.of(file, e).restored();
        }
        if (text == null) {
            files.remove(file);
        } else {
            files.put(file, new LoadedRouteFile(text, next.routeIds(), next.templateIds()));
        }
        return new Change(old == null ? List.of() : old.routeIds(), next.routeIds(), made, running);
    }

    private void add(RouteFileContent content, List<RouteTemplateInstances.Instance> made, Set<String> running)
            throws Exception {
        model().addRouteTemplateDefinitions(content.templates());
        model().addRouteDefinitions(content.routes());
        for (RouteTemplateInstances.Instance instance : made) {
            if (content.templateIds().contains(instance.templateId())) {
                RouteTemplateInstances.create(context, instance);
            } else {
                instances.forget(instance);
                LOG.warn("Route {} is gone: its template {} is no longer defined", instance.routeId(),
                        instance.templateId());
            }
        }
        for (String id : running) {
            if (context.getRoute(id) != null
                    && context.getRouteController().getRouteStatus(id) != ServiceStatus.Started) {
                context.getRouteController().startRoute(id);
            }
        }
    }

    /** Adding failed: take out what was added, put back what the file had before. */
    private void restore(Path file, LoadedRouteFile old, RouteFileContent next,
            List<RouteTemplateInstances.Instance> made, Set<String> running) {
        try {
            List<String> added = new ArrayList<>(next.routeIds());
            made.forEach(i -> added.add(i.routeId()));
            remove(added, next.templateIds());
            if (old != null) {
                add(parser.parse(file, old.text()), made, running);
            }
        } catch (Exception e) {
            LOG.error("Route file {}: the previous routes could not be restored either: {}", file, e.getMessage(), e);
        }
    }

    private void remove(Collection<String> routeIds, Collection<String> templateIds) throws Exception {
        Model model = model();
        for (String id : routeIds) {
            RouteDefinition definition = model.getRouteDefinition(id);
            if (definition != null) {
                model.removeRouteDefinition(definition);
            } else if (context.getRoute(id) != null) {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
            }
        }
        for (String id : templateIds) {
            RouteTemplateDefinition template = model.getRouteTemplateDefinition(id);
            if (template != null) {
                model.removeRouteTemplateDefinition(template);
            }
        }
    }

    /** A file may replace its own routes only: an id another file or Java already uses is refused. */
    private void refuseIdsOfOthers(Path file, LoadedRouteFile old, RouteFileContent next) {
        Set<String> own = new LinkedHashSet<>(old == null ? List.of() : old.routeIds());
        if (old != null) {
            instances.of(old.templateIds()).forEach(i -> own.add(i.routeId()));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String id : next.routeIds()) {
            if (!seen.add(id)) {
                throw new RouteFileException(file, "route id '" + id + "' is used twice in this file");
            }
            if (!own.contains(id) && context.getRoute(id) != null) {
                throw new RouteFileException(file, "route id '" + id + "' is already used by " + owner(id));
            }
        }
        List<String> ownTemplates = old == null ? List.of() : old.templateIds();
        for (String id : next.templateIds()) {
            if (!ownTemplates.contains(id) && model().getRouteTemplateDefinition(id) != null) {
                throw new RouteFileException(file, "route template id '" + id + "' is already defined elsewhere");
            }
        }
    }

    private String owner(String routeId) {
        for (Map.Entry<Path, LoadedRouteFile> e : files.entrySet()) {
            if (e.getValue().routeIds().contains(routeId)) {
                return e.getKey().toString();
            }
        }
        Route route = context.getRoute(routeId);
        String source = route.getSourceLocationShort();
        return source != null ? source : "a route defined in Java";
    }

    private Model model() {
        return context.getCamelContextExtension().getContextPlugin(Model.class);
    }

    /** What one reload replaced, for its log line. */
    private record Change(List<String> before, List<String> after, List<RouteTemplateInstances.Instance> made,
            Set<String> restarted) {
        @Override
        public String toString() {
            List<String> removed = before.stream().filter(id -> !after.contains(id)).toList();
            List<String> added = after.stream().filter(id -> !before.contains(id)).toList();
            List<String> replaced = after.stream().filter(before::contains).toList();
            StringBuilder text = new StringBuilder("routes replaced ").append(replaced).append(", added ")
                    .append(added).append(", removed ").append(removed);
            if (!made.isEmpty()) {
                text.append(", made again from their templates ")
                        .append(made.stream().map(RouteTemplateInstances.Instance::routeId).toList());
            }
            List<String> running = restarted.stream().filter(id -> after.contains(id)
                    || made.stream().anyMatch(i -> i.routeId().equals(id))).toList();
            if (!running.isEmpty()) {
                text.append(", running again ").append(running);
            }
            return text.toString();
        }
    }
}
