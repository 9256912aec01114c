package io.caravan.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples of a Prometheus text exposition ({@code /q/metrics}), read for assertions. */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final java.util.List<Sample> samples = new java.util.ArrayList<>();

    public PrometheusText(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
    }

    /** Sum of the samples of this name whose labels include the given ones ({@code "sink", "csv", ...}). */
    public double sum(String name, String... labels) {
        double sum = 0;
        for (Sample sample : samples) {
            if (sample.name.equals(name) && matches(sample.labels, labels)) {
                sum += sample.value;
            }
        }
        return sum;
    }

    public boolean has(String name, String... labels) {
        return samples.stream().anyMatch(s -> s.name.equals(name) && matches(s.labels, labels));
    }

    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name));
        return names;
    }

    private static boolean matches(Map<String, String> actual, String... labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(actual.get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
