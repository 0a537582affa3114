package io.lumen.protocol.moonlight.impl.mdns;

import io.lumen.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The advertisement as a client's mDNS browser sees it, over real multicast on this machine's LAN interface. */
@Timeout(60)
class MdnsAdvertiserTest {

    @Test
    @SuppressWarnings("try") // the advertiser only has to be open while the browser looks
    void aBrowserOnTheLanFindsTheHostWithItsHttpPort() throws Exception {
        List<InetAddress> lan = MdnsAdvertiser.lanAddresses();
        assumeFalse(lan.isEmpty(), "no multicast-capable LAN interface on this machine: mDNS cannot be exercised");
        InetAddress address = lan.get(0);
        String name = "lumen-test-" + ProcessHandle.current().pid();
        try (MdnsAdvertiser advertiser = MdnsAdvertiser.start(name, 47123, List.of(address),
                System.getLogger("test")); JmDNS browser = JmDNS.create(address, "browser")) {
            // the browser may list the name before its SRV record is resolved (port 0 then): wait for the resolution
            ServiceInfo found = Poll.await("the host listed and resolved under " + MdnsAdvertiser.SERVICE_TYPE,
                    Duration.ofSeconds(20), () -> Arrays.stream(browser.list(MdnsAdvertiser.SERVICE_TYPE, 2000))
                            .filter(s -> s.getName().equals(name)).findFirst().orElse(null),
                    s -> s != null && s.getPort() != 0);
            assertEquals(47123, found.getPort());
            assertTrue(found.getTextBytes().length <= 1, "no TXT records (at most the empty string's length byte)");
        }
    }

    @Test
    void instanceNamesAreWhatMdnsAndClientsAccept() {
        assertEquals("living-room-pc", MdnsAdvertiser.instanceName("living room pc"));
        assertEquals("hostexample", MdnsAdvertiser.instanceName("host.example"));
        assertEquals("lumen", MdnsAdvertiser.instanceName("   "));
        assertEquals(63, MdnsAdvertiser.instanceName("x".repeat(100)).length());
    }
}
