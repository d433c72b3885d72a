package org.danerelay.dane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.danerelay.dane.policy.TlsRequirement.DaneRequired;
import org.danerelay.dane.policy.TlsRequirement.EncryptRequired;
import org.danerelay.dane.policy.TlsRequirement.Opportunistic;
import org.danerelay.dane.policy.TlsRequirement.PlaintextOnly;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Name;

/** The policy values validate and copy in their compact constructors (STYLE 2). */
class PolicyValuesTest {

  static final TlsaRecord EE = TlsaRecord.parse(DeliveryPlannerRfcTableTest.EE);
  static final Name MX = FakeDns.name("mx.example.org");

  @Test
  void daneRequiredCopiesItsLists() {
    List<TlsaRecord> records = new ArrayList<>(List.of(EE));
    List<String> ids = new ArrayList<>(List.of("mx.example.org"));
    DaneRequired dane = new DaneRequired(records, MX, ids, "mx.example.org");
    records.clear();
    ids.clear();
    assertEquals(List.of(EE), dane.usableRecords());
    assertEquals(List.of("mx.example.org"), dane.referenceIdentifiers());
    assertTrue(dane.starttlsMandatory());
  }

  @Test
  void daneRequiredRefusesWhatCouldNotAuthenticate() {
    TlsaRecord pkix = TlsaRecord.parse("1 1 1 " + FakeDns.sha256Hex(1));
    List<String> ids = List.of("mx.example.org");
    assertThrows(
        IllegalArgumentException.class,
        () -> new DaneRequired(List.of(), MX, ids, "mx.example.org"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DaneRequired(List.of(pkix), MX, ids, "mx.example.org"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DaneRequired(List.of(EE), MX, List.of(), "mx.example.org"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DaneRequired(List.of(EE), MX, List.of("MX.example.org"), "mx.example.org"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DaneRequired(List.of(EE), MX, ids, "mx.example.org."));
  }

  @Test
  void onlyDaneAndEncryptMakeStarttlsMandatory() {
    assertTrue(new EncryptRequired("why", true).starttlsMandatory());
    assertEquals(false, new Opportunistic().starttlsMandatory());
    assertEquals(false, new PlaintextOnly().starttlsMandatory());
    assertThrows(IllegalArgumentException.class, () -> new EncryptRequired(" ", false));
  }

  @Test
  void attemptChecksItsPort() throws Exception {
    InetAddress a = InetAddress.getByName("192.0.2.1");
    assertThrows(
        IllegalArgumentException.class,
        () -> new Attempt(MX, MX, a, 0, new Opportunistic(), false));
    assertEquals(25, new Attempt(MX, MX, a, 25, new Opportunistic(), false).port());
  }

  @Test
  void tryInOrderNeedsAttemptsAndCopiesThem() throws Exception {
    assertThrows(
        IllegalArgumentException.class, () -> new DeliveryPlan.TryInOrder(List.of(), List.of()));
    Attempt a =
        new Attempt(MX, MX, InetAddress.getByName("192.0.2.1"), 25, new Opportunistic(), false);
    List<Attempt> attempts = new ArrayList<>(List.of(a));
    DeliveryPlan.TryInOrder plan = new DeliveryPlan.TryInOrder(attempts, List.of());
    attempts.clear();
    assertEquals(List.of(a), plan.attempts());
  }

  @ParameterizedTest(name = "Defer refuses ''{0}''")
  @ValueSource(strings = {"", "4.7.5", "5.7.5 permanent", "4.7 short", "temporary"})
  void deferNeedsATemporaryEnhancedCode(String reason) {
    assertThrows(IllegalArgumentException.class, () -> new DeliveryPlan.Defer(reason));
  }

  @ParameterizedTest(name = "Bounce refuses ''{0}''")
  @ValueSource(strings = {"", "4.1.10 temporary", "5.1.10", "gone"})
  void bounceNeedsAPermanentEnhancedCode(String reason) {
    assertThrows(IllegalArgumentException.class, () -> new DeliveryPlan.Bounce(reason));
  }

  @Test
  void codesAreTheFirstWord() {
    assertEquals("4.7.5", new DeliveryPlan.Defer("4.7.5 TLSA lookup failed").code());
    assertEquals("5.1.10", new DeliveryPlan.Bounce("5.1.10 null MX").code());
  }

  @Test
  void levelsParseFromTheirConfigNames() {
    assertEquals(TlsLevel.DANE, TlsLevel.fromConfig("dane"));
    assertEquals(TlsLevel.DANE_ONLY, TlsLevel.fromConfig(" Dane-Only "));
    assertEquals(TlsLevel.ENCRYPT, TlsLevel.fromConfig("encrypt"));
    assertEquals(TlsLevel.MAY, TlsLevel.fromConfig("may"));
    assertEquals(TlsLevel.NONE, TlsLevel.fromConfig("none"));
    for (TlsLevel level : TlsLevel.values()) {
      assertEquals(level, TlsLevel.fromConfig(level.configName()));
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TlsLevel.fromConfig("dane_only"));
    assertTrue(e.getMessage().contains("dane-only"), e.getMessage());
  }
}
