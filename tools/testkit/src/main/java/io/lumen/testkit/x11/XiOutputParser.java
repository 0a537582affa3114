package io.lumen.testkit.x11;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code xinput test-xi2} output line by line. It first lists the devices (which ids are masters), then prints
 * one block per event: an {@code EVENT type N (Name)} line and indented fields. A device event's block ends with its
 * {@code windows:} line, a raw event's with a blank line, a property event's with {@code changed:}; each is handed on
 * as soon as its block ends, so the observer never waits for the next event to learn of this one. Device events
 * come twice, from the physical (slave) device and from its master; only the master's are kept.
 */
final class XiOutputParser {

    private static final Pattern MASTER = Pattern.compile("id=(\\d+)\\s+\\[master (?:pointer|keyboard)");
    private static final Pattern HEADER = Pattern.compile("^EVENT type \\d+ \\((\\w+)\\)");
    private static final Pattern DEVICE = Pattern.compile("^\\s*device: (\\d+) \\((\\d+)\\)");
    private static final Pattern DETAIL = Pattern.compile("^\\s*detail: (\\d+)");
    private static final Pattern ROOT = Pattern.compile("^\\s*root: (-?[\\d.]+)/(-?[\\d.]+)");

    private final Consumer<XiEvent> events;
    private final Runnable propertyChanged;
    private final Set<Integer> masters = new HashSet<>();
    private String type;
    private int device = -1;
    private int source = -1;
    private int detail;
    private double rootX;
    private double rootY;

    XiOutputParser(Consumer<XiEvent> events, Runnable propertyChanged) {
        this.events = events;
        this.propertyChanged = propertyChanged;
    }

    void line(String line) {
        Matcher header = HEADER.matcher(line);
        if (header.find()) {
            type = header.group(1);
            device = -1;
            source = -1;
            detail = 0;
            return;
        }
        if (type == null) {
            Matcher master = MASTER.matcher(line);
            if (master.find()) {
                masters.add(Integer.parseInt(master.group(1)));
            }
            return;
        }
        Matcher m;
        if ((m = DEVICE.matcher(line)).find()) {
            device = Integer.parseInt(m.group(1));
            source = Integer.parseInt(m.group(2));
        } else if ((m = DETAIL.matcher(line)).find()) {
            detail = Integer.parseInt(m.group(1));
        } else if ((m = ROOT.matcher(line)).find()) {
            rootX = Double.parseDouble(m.group(1));
            rootY = Double.parseDouble(m.group(2));
        } else if (line.strip().startsWith("windows:")) {
            deviceEventEnded();
        } else if (line.isBlank() && type.startsWith("Raw")) {
            events.accept(new XiEvent.Raw(type, detail));
            type = null;
        } else if (line.strip().startsWith("changed:") && type.equals("PropertyEvent")) {
            propertyChanged.run();
            type = null;
        }
    }

    private void deviceEventEnded() {
        boolean fromMaster = masters.isEmpty() ? device != source : masters.contains(device);
        if (fromMaster) {
            XiEvent event = switch (type) {
                case "KeyPress" -> new XiEvent.Key(true, detail);
                case "KeyRelease" -> new XiEvent.Key(false, detail);
                case "ButtonPress" -> new XiEvent.Button(true, detail, rootX, rootY);
                case "ButtonRelease" -> new XiEvent.Button(false, detail, rootX, rootY);
                case "Motion" -> new XiEvent.Motion(rootX, rootY);
                default -> null;
            };
            if (event != null) {
                events.accept(event);
            }
        }
        type = null;
    }
}
