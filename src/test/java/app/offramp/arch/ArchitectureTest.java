package app.offramp.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core knows nothing of Discord or of the fronts that adapt it. */
@AnalyzeClasses(packages = "app.offramp", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule coreDoesNotUseJda = noClasses().that().resideInAPackage("app.offramp.core..")
      .should().dependOnClassesThat().resideInAnyPackage("net.dv8tion..", "okhttp3..", "com.neovisionaries..")
      .because("the core must run and be tested without Discord");

  /** The sentence model is an adapter behind the core's SentenceEncoder port. */
  @ArchTest
  static final ArchRule coreDoesNotUseTheModelRuntime = noClasses().that().resideInAPackage("app.offramp.core..")
      .should().dependOnClassesThat().resideInAnyPackage("ai.onnxruntime..", "dev.langchain4j..", "ai.djl..",
          "app.offramp.adapter..")
      .because("the core states what it needs (a SentenceEncoder); adapters bring the runtimes");

  @ArchTest
  static final ArchRule coreDoesNotUseCaffeine = noClasses().that().resideInAPackage("app.offramp.core..")
      .should().dependOnClassesThat().resideInAnyPackage("com.github.benmanes.caffeine..")
      .because("the conversation store is a port; the Caffeine store is an adapter");

  /** Fronts see one inbound port (and the values it exchanges), never the engine, store or intent model. */
  @ArchTest
  static final ArchRule frontsUseOnlyThePort = noClasses().that().resideInAPackage("app.offramp.front..")
      .should().dependOnClassesThat().resideInAnyPackage("app.offramp.core.intent..", "app.offramp.core.match..",
          "app.offramp.core.eval..", "app.offramp.adapter..")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("app.offramp.core.service.ConversationService")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("app.offramp.core.conversation.ConversationEngine")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("app.offramp.core.conversation.ConversationStore");

  @ArchTest
  static final ArchRule noPackageCycles = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
      .matching("app.offramp.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule coreDoesNotUseFronts = noClasses().that().resideInAPackage("app.offramp.core..")
      .should().dependOnClassesThat().resideInAnyPackage("app.offramp.front..", "app.offramp.cli..", "app.offramp.config..")
      .because("fronts adapt the core, never the other way round");

  /** Inside the core, layers point one way: intents ← matching ← conversations and evaluation. */
  @ArchTest
  static final ArchRule intentModelStandsAlone = noClasses().that().resideInAPackage("app.offramp.core.intent..")
      .should().dependOnClassesThat().resideInAnyPackage("app.offramp.core.match..", "app.offramp.core.conversation..",
          "app.offramp.core.eval..");

  @ArchTest
  static final ArchRule matchingKnowsNoConversation = noClasses().that().resideInAPackage("app.offramp.core.match..")
      .should().dependOnClassesThat().resideInAnyPackage("app.offramp.core.conversation..", "app.offramp.core.eval..");

  @ArchTest
  static final ArchRule consoleDoesNotUseDiscord = noClasses().that().resideInAPackage("app.offramp.front.console..")
      .should().dependOnClassesThat().resideInAnyPackage("net.dv8tion..", "app.offramp.front.discord..");
}
