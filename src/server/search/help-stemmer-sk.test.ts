import { describe, expect, it } from "vitest";
import { stemSlovak } from "./help-stemmer-sk.js";

/** Every form of one word, written without diacritics as the stemmer receives them, must give `stem`. */
function expectParadigm(stem: string, forms: string) {
  for (const form of forms.split(" ")) expect(stemSlovak(form), form).toBe(stem);
}

describe("stemSlovak", () => {
  it("gives every case of a feminine noun in -ka one stem, genitive plural -ok included", () => {
    // objednávka, objednávky, objednávke, objednávku, objednávkou; objednávok, objednávkam, objednávkach, objednávkami
    expectParadigm(
      "objednavk",
      "objednavka objednavky objednavke objednavku objednavkou objednavok objednavkam objednavkach objednavkami",
    );
    expectParadigm("zasielk", "zasielka zasielky zasielku zasielkou zasielok zasielkach");
    expectParadigm("polozk", "polozka polozky polozku polozkou poloziek polozkami");
  });

  it("gives every case of a masculine noun one stem", () => {
    // tovar, tovaru, tovarom, tovare; tovary, tovarov, tovaroch, tovarmi
    expectParadigm("tovar", "tovar tovaru tovarom tovare tovary tovarov tovaroch tovarmi");
    // poplatok, poplatku, poplatkom, poplatky, poplatkov: the o of the nominative is a fleeting vowel
    expectParadigm("poplatk", "poplatok poplatku poplatkom poplatky poplatkov poplatkoch");
    expectParadigm("kurier", "kurier kuriera kurierovi kurierom kurieri kurierov");
  });

  it("gives every case of -ia and -ie nouns one stem", () => {
    // vrátenie, vrátenia, vráteniu, vrátení, vrátením; vrátení (gen. pl.), vráteniam, vráteniach, vráteniami
    expectParadigm("vraten", "vratenie vratenia vrateniu vrateni vratenim vrateniam vrateniach vrateniami");
    // reklamácia, reklamácie, reklamácii, reklamáciu, reklamáciou; reklamácií, reklamáciám, …
    expectParadigm(
      "reklamac",
      "reklamacia reklamacie reklamacii reklamaciu reklamaciou reklamaciam reklamaciach reklamaciami",
    );
  });

  it("gives every form of an adjective one stem", () => {
    // poštovné, poštovného, poštovnému, poštovnom, poštovným, poštovná, poštovnej, poštovnú, poštovnou, poštovných
    expectParadigm(
      "postovn",
      "postovne postovneho postovnemu postovnom postovnym postovna postovnej postovnu postovnou postovnych postovnymi",
    );
  });

  it("gives every case of a neuter noun one stem", () => {
    expectParadigm("hesl", "heslo hesla heslu hesle heslom heslach heslami");
  });

  it("removes the present-tense endings of -ovať verbs", () => {
    expectParadigm("reklam", "reklamujem reklamujes reklamuje reklamujeme reklamujete reklamuju reklamovat");
  });

  it("keeps at least three letters", () => {
    expect(stemSlovak("dom")).toBe("dom");
    expect(stemSlovak("domov")).toBe("dom");
    expect(stemSlovak("rok")).toBe("rok");
    expect(stemSlovak("roka")).toBe("rok");
    expect(stemSlovak("krok")).toBe("krok");
    expect(stemSlovak("kroky")).toBe("krok");
  });
});
