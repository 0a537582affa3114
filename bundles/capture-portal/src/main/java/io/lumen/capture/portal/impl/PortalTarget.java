package io.lumen.capture.portal.impl;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an app's {@code capture = portal [<sources>][:<consent>]} asks for: which kinds of source the desktop's
 * dialog offers ({@code monitor}, {@code window}, {@code virtual}, joined with '+'; a monitor by default), whether
 * the client's input goes to the desktop too ({@code +input}: the session is a remote desktop, one dialog asks for
 * both) and the name the user's consent is remembered under (the sources by default). Input is asked for only where
 * named, since a portal that cannot remember a remote-desktop consent asks on every such stream. Two apps that name
 * different consents are asked separately and never stream each other's choice.
 *
 * @param types   the portal's source-type bit mask
 * @param consent the remembered consent's name, safe as a file name
 * @param input   whether the client's keyboard, pointer and touch go to the desktop through the portal
 */
record PortalTarget(int types, String consent, boolean input) {

    /** Sources only, for naming what a portal offers. */
    PortalTarget(int types, String consent) {
        this(types, consent, false);
    }

    private static final Pattern CONSENT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    static PortalTarget parse(String target) {
        String text = target == null ? "" : target.strip();
        int colon = text.indexOf(':');
        String sources = colon < 0 ? text : text.substring(0, colon).strip();
        String consent = colon < 0 ? "" : text.substring(colon + 1).strip();
        int types = 0;
        boolean input = false;
        for (String kind : (sources.isEmpty() ? "monitor" : sources).toLowerCase(Locale.ROOT).split("\\+")) {
            if (kind.strip().equals("input")) {
                input = true;
                continue;
            }
            types |= switch (kind.strip()) {
                case "monitor" -> PortalBus.MONITOR;
                case "window" -> PortalBus.WINDOW;
                case "virtual" -> PortalBus.VIRTUAL;
                default -> throw new IllegalArgumentException("\"" + kind.strip() + "\" is not a portal source: capture"
                        + " = portal [monitor|window|virtual|input, joined with '+'][:<consent name>], e.g. capture ="
                        + " portal monitor+input:games");
            };
        }
        if (types == 0) {
            types = PortalBus.MONITOR;
        }
        if (consent.isEmpty()) {
            consent = (sources.isEmpty() ? "monitor" : sources.toLowerCase(Locale.ROOT)).replace('+', '-');
        }
        if (!CONSENT.matcher(consent).matches()) {
            throw new IllegalArgumentException("\"" + consent + "\" is not a consent name (1-64 letters, digits, '.',"
                    + " '_', '-')");
        }
        return new PortalTarget(types, consent, input);
    }

    /** "monitor+window", for logs. */
    String describeSources() {
        StringBuilder text = new StringBuilder();
        if ((types & PortalBus.MONITOR) != 0) {
            text.append("monitor");
        }
        if ((types & PortalBus.WINDOW) != 0) {
            text.append(text.isEmpty() ? "" : "+").append("window");
        }
        if ((types & PortalBus.VIRTUAL) != 0) {
            text.append(text.isEmpty() ? "" : "+").append("virtual");
        }
        if (input) {
            text.append(text.isEmpty() ? "" : "+").append("input");
        }
        return text.toString();
    }
}
