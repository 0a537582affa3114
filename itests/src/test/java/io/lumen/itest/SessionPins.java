package io.lumen.itest;

import io.lumen.api.backend.BackendRole;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

/** Pins a role's backend the way {@code lumen:use} does: one key of the session manager's configuration. */
final class SessionPins {

    static final String SESSION_PID = "io.lumen.session";

    private SessionPins() {
    }

    /** Pins {@code role} to {@code id}, or with an empty id removes its pin; the other keys stay as they are. */
    static void pin(ConfigurationAdmin configurationAdmin, BackendRole role, String id) throws IOException {
        set(configurationAdmin, "pin." + role.label(), id);
    }

    /** Sets one key of the session manager's configuration ({@code capture.target}, say); empty removes it. */
    static void set(ConfigurationAdmin configurationAdmin, String key, String value) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(SESSION_PID, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        Dictionary<String, Object> stored = configuration.getProperties();
        if (stored != null) {
            for (var names = stored.keys(); names.hasMoreElements(); ) {
                String name = names.nextElement();
                properties.put(name, stored.get(name));
            }
        }
        if (value.isEmpty()) {
            properties.remove(key);
        } else {
            properties.put(key, value);
        }
        configuration.update(properties);
    }
}
