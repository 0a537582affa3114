package io.lumen.protocol.moonlight.impl.web;

import io.lumen.protocol.moonlight.impl.http.Markup;
import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.protocol.moonlight.impl.pairing.WaitingAttempt;
import io.lumen.protocol.moonlight.impl.store.PairedClient;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The HTML of the PIN page: plain server-rendered markup, no scripts, every value escaped. */
final class WebPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private WebPage() {
    }

    /** The page itself; {@code loggedIn} adds the logout button of a page that asks for a password. */
    static String render(HostControl host, String token, String message, boolean loggedIn) {
        List<WaitingAttempt> waiting = host.waitingClients();
        // no refresh while a PIN may be half typed; with nobody waiting it shows a new attempt within seconds
        StringBuilder html = head("lumen: " + host.hostname(),
                waiting.isEmpty() ? "<meta http-equiv=\"refresh\" content=\"5\">" : "");
        html.append("<h1>lumen on ").append(Markup.escape(host.hostname())).append("</h1>");
        if (loggedIn) {
            html.append("<form method=\"post\" action=\"/logout\">").append(hidden(token))
                    .append("<button>Log out</button></form>");
        }
        message(html, message);
        html.append("<h2>Pairing</h2>");
        if (waiting.isEmpty()) {
            html.append("<p>No client is pairing. Choose this host in Moonlight (add it by address if it is not"
                    + " listed) and this page shows a PIN form.</p>");
        } else if (waiting.size() > 1) {
            html.append("<p>").append(waiting.size()).append(" clients want to pair. Type each PIN only into the form of the"
                    + " device that shows it (check its name and address); leave any you do not know alone.</p>");
        }
        for (int i = 0; i < waiting.size(); i++) {
            WaitingAttempt attempt = waiting.get(i);
            html.append("<p><b>").append(Markup.escape(attempt.deviceName())).append("</b> (")
                    .append(Markup.escape(attempt.address())).append(") wants to pair. Enter the PIN it shows:</p>")
                    .append("<form method=\"post\" action=\"/pin\">").append(hidden(token))
                    .append("<input type=\"hidden\" name=\"client\" value=\"").append(Markup.escape(attempt.address()))
                    .append("\"><input name=\"pin\" inputmode=\"numeric\" pattern=\"[0-9]{4}\" maxlength=\"4\""
                            + " size=\"6\"").append(i == 0 ? " autofocus" : "")
                    .append(" required autocomplete=\"off\"> <button>Pair</button></form>");
        }
        html.append("<h2>Paired clients</h2>");
        List<PairedClient> clients = host.clients();
        if (clients.isEmpty()) {
            html.append("<p>None yet.</p>");
        } else {
            html.append("<table><tr><th>Name</th><th>Certificate (SHA-256)</th><th>Paired</th><th>Last seen</th>"
                    + "<th></th></tr>");
            for (PairedClient client : clients) {
                html.append("<tr><td>").append(Markup.escape(client.name())).append("</td><td><code>")
                        .append(Markup.escape(client.fingerprint().substring(0, 23))).append("…</code></td><td>")
                        .append(TIME.format(client.pairedAt())).append("</td><td>")
                        .append(client.lastSeen() == null ? "never" : TIME.format(client.lastSeen()))
                        .append("</td><td><form method=\"post\" action=\"/unpair\">").append(hidden(token))
                        .append("<input type=\"hidden\" name=\"client\" value=\"").append(Markup.escape(client.fingerprint()))
                        .append("\"><button>Unpair</button></form></td></tr>");
            }
            html.append("</table>");
        }
        html.append("<h2>Host</h2><table>");
        row(html, "Status", host.running().map(WebPage::describe).orElse("idle"));
        row(html, "Listening", host.listening());
        row(html, "Host id", host.uniqueId());
        row(html, "Certificate", host.certificateFingerprint());
        return html.append("</table></body></html>").toString();
    }

    /** The login form of a page that listens beyond loopback. */
    static String login(String hostname, String message) {
        StringBuilder html = head("lumen: log in", "").append("<h1>lumen on ").append(Markup.escape(hostname))
                .append("</h1>");
        message(html, message);
        return html.append("<form method=\"post\" action=\"/login\"><label>Password <input type=\"password\""
                        + " name=\"password\" autofocus required autocomplete=\"current-password\"></label>"
                        + " <button>Log in</button></form></body></html>").toString();
    }

    /** The first visit: the setup code from the host's log, and the password to be chosen. */
    static String setup(String hostname, String message) {
        StringBuilder html = head("lumen: choose a password", "").append("<h1>lumen on ")
                .append(Markup.escape(hostname)).append("</h1>");
        message(html, message);
        return html.append("<p>This page can be reached from the network, so it needs a password. Enter the setup"
                        + " code the host wrote to its log at start (<code>lumen:moonlight</code> shows it too) and"
                        + " choose a password of at least ").append(WebPassword.MIN_LENGTH).append(" characters.</p>")
                .append("<form method=\"post\" action=\"/setup\"><table>"
                        + "<tr><th>Setup code</th><td><input name=\"code\" required autocomplete=\"off\" autofocus></td></tr>"
                        + "<tr><th>Password</th><td><input type=\"password\" name=\"password\" required"
                        + " autocomplete=\"new-password\"></td></tr>"
                        + "<tr><th>Again</th><td><input type=\"password\" name=\"repeat\" required"
                        + " autocomplete=\"new-password\"></td></tr></table><button>Set password</button></form>")
                .append("</body></html>").toString();
    }

    private static void message(StringBuilder html, String message) {
        if (message != null && !message.isBlank()) {
            html.append("<p class=\"message\">").append(Markup.escape(message)).append("</p>");
        }
    }

    static String problem(String message) {
        return head("lumen", "").append("<p class=\"message\">").append(Markup.escape(message))
                .append("</p><p><a href=\"/\">Back</a></p></body></html>").toString();
    }

    private static String describe(LaunchSession session) {
        return "running \"" + session.app().title() + "\" for " + session.clientName() + " at "
                + session.parameters().mode() + " since " + TIME.format(session.started().truncatedTo(ChronoUnit.MINUTES));
    }

    private static StringBuilder head(String title, String extra) {
        return new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width\">").append(extra)
                .append("<title>").append(Markup.escape(title)).append("</title><style>")
                .append("body{font-family:sans-serif;max-width:52em;margin:2em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse}td,th{padding:.3em .8em;text-align:left;")
                .append("border-bottom:1px solid #ddd}.message{background:#fff6d5;padding:.6em}")
                .append("input[name=pin]{font-size:1.4em;letter-spacing:.2em}</style></head><body>");
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(name).append("</th><td>").append(Markup.escape(value)).append("</td></tr>");
    }

    private static String hidden(String token) {
        return "<input type=\"hidden\" name=\"token\" value=\"" + token + "\">";
    }
}
