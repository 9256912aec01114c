package io.caravan.routes;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A route file that cannot be applied, with what a user needs to fix it: the file, the line when known, the error. */
public class RouteFileException extends RuntimeException {

    private static final Pattern LINE = Pattern.compile("\\bline (\\d+)");

    private final Path file;
    private final Integer line;
    private boolean restored;

    public RouteFileException(Path file, String reason) {
        this(file, reason, null, null);
    }

    private RouteFileException(Path file, String reason, Integer line, Throwable cause) {
        super(reason, cause);
        this.file = file;
        this.line = line;
    }

    /**
     * The innermost message of the failure (the one that names the problem), and the last line number it names: the
     * YAML parser names where the broken construct began, then where it found the problem.
     */
    public static RouteFileException of(Path file, Throwable failure) {
        if (failure instanceof RouteFileException e) {
            return e;
        }
        Integer line = null;
        String reason = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(message);
            while (m.find()) {
                line = Integer.valueOf(m.group(1));
            }
            reason = message;
        }
        if (reason == null) {
            reason = failure.getClass().getSimpleName();
        }
        // the file is named once, in front of the line
        reason = reason.replace("in " + RouteFiles.location(file) + ", ", "at ");
        return new RouteFileException(file, oneLine(reason), line, failure);
    }

    public Path file() {
        return file;
    }

    /** The line Camel named, or null. */
    public Integer line() {
        return line;
    }

    /** The new routes failed while being added, and the file's previous routes were added again. */
    RouteFileException restored() {
        restored = true;
        return this;
    }

    /** The single log line: what happened to the running routes, {@code <file>[ line <n>]: <error>}. */
    public String describe() {
        return (restored ? "its previous routes were added back and restarted: "
                : "its running routes are unchanged: ") + file + (line != null ? " line " + line : "") + ": "
                + getMessage();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
