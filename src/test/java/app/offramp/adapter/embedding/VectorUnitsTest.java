package app.offramp.adapter.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorUnitsTest {
  @Test
  void anX86ProcessorIsNamedByItsSortedKernelChoosingFlagsAlone() {
    List<String> cpuinfo = List.of("processor\t: 0", "model name\t: Some CPU",
        "flags\t\t: fpu vme sse4_2 avx2 fma avx512f avx512_vnni avx hypervisor", "processor\t: 1",
        "flags\t\t: fpu sse2");

    assertThat(VectorUnits.of(cpuinfo)).isEqualTo("avx,avx2,avx512_vnni,avx512f,fma,sse4_2");
  }

  @Test
  void anArmProcessorIsNamedByItsFeatures() {
    List<String> cpuinfo = List.of("processor\t: 0", "BogoMIPS\t: 50.00",
        "Features\t: fp asimd evtstrm aes pmull sha1 crc32 atomics fphp asimdhp cpuid asimddp i8mm");

    assertThat(VectorUnits.of(cpuinfo)).isEqualTo("asimd,asimddp,asimdhp,i8mm");
  }

  @Test
  void twoProcessorsThatDifferOnlyInAVectorUnitAreToldApart() {
    String avx2 = VectorUnits.of(List.of("flags : sse4_2 avx avx2 fma"));
    String vnni = VectorUnits.of(List.of("flags : sse4_2 avx avx2 fma avx_vnni"));

    assertThat(avx2).isNotEqualTo(vnni);
  }

  @Test
  void withoutAFlagsLineNothingIsClaimed() {
    assertThat(VectorUnits.of(List.of())).isEmpty();
    assertThat(VectorUnits.of(List.of("processor : 0", "no colon here"))).isEmpty();
  }

  @Test
  void thisMachineIsNamedByWhatItsCpuinfoSays() throws Exception {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    String expected = Files.isReadable(cpuinfo) ? VectorUnits.of(Files.readAllLines(cpuinfo)) : "";

    assertThat(VectorUnits.current()).isEqualTo(expected);
    assertThat(MiniLmSentenceEncoder.shared().identity()).contains(" units:" + expected + " ");
  }
}
