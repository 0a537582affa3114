package io.lumen.launcher;

import org.osgi.framework.Bundle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The order the launcher starts bundles in, from {@code lumen.start.order}: symbolic names, comma-separated, with
 * one {@code *} standing for every bundle the list does not name (in the order they were installed); and which of
 * them start on a thread of their own ({@code lumen.start.aside}). Bundles that
 * serve early come first (ConfigAdmin before SCR, so components start with their configuration once instead of
 * restarting when it arrives; the Moonlight host and the shell before the backends), and FileInstall last, so
 * drop-in bundles start after the distribution's own.
 */
record StartOrder(List<String> names, Set<String> aside) {

    static final String PROPERTY = "lumen.start.order";
    static final String ASIDE_PROPERTY = "lumen.start.aside";
    private static final String REST = "*";

    /** No settings: the installed order, all on one thread. */
    static StartOrder parse(String order, String aside) {
        List<String> names = new ArrayList<>(names(order));
        if (!names.contains(REST)) {
            names.add(REST);
        }
        return new StartOrder(List.copyOf(names), Set.copyOf(names(aside)));
    }

    private static List<String> names(String setting) {
        List<String> names = new ArrayList<>();
        if (setting != null) {
            for (String name : setting.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    /**
     * Whether a bundle starts on a thread of its own, beside the others (its components activate in the thread
     * that starts it): one whose activation is long and that nothing else waits for uses the second core.
     */
    boolean startsAside(Bundle bundle) {
        return aside.contains(bundle.getSymbolicName());
    }

    /** A copy of {@code bundles} in start order; the sort is stable, so unnamed bundles keep their order. */
    List<Bundle> sort(List<Bundle> bundles) {
        List<Bundle> sorted = new ArrayList<>(bundles);
        sorted.sort(Comparator.comparingInt(b -> rank(b.getSymbolicName())));
        return sorted;
    }

    int rank(String symbolicName) {
        int at = names.indexOf(symbolicName);
        return at >= 0 ? at : names.indexOf(REST);
    }
}
