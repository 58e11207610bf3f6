/**
 * What the demo workspace's customers write about, in the four languages Heed ships with. Each scenario
 * is a short exchange: the customer's first message, an agent's reply, sometimes a follow-up from the
 * customer and an internal note. `{order}` is replaced with an order number.
 */
export type DemoLanguage = "en" | "ru" | "hr" | "sk";

export interface DemoText {
  subject: string;
  message: string;
  reply: string;
  followUp?: string;
  note?: string;
}

export interface DemoScenario {
  key: string;
  tags: string[];
  priority: "low" | "normal" | "high" | "urgent";
  text: Record<DemoLanguage, DemoText>;
}

export const demoScenarios: DemoScenario[] = [
  {
    key: "lost-order",
    tags: ["shipping", "lost-order"],
    priority: "high",
    text: {
      en: {
        subject: "My order {order} never arrived",
        message:
          "Hi, I ordered a pair of running shoes two weeks ago (order {order}) and the tracking page has said 'in transit' for nine days. Can you tell me where it is?",
        reply:
          "Thank you for letting us know, and sorry for the wait. I have opened a trace with the courier for order {order}; they answer within two working days and I will write to you as soon as they do. If the parcel is lost, we will send a new pair straight away.",
        followUp: "Thanks. Please keep me posted, I need them for a race on Sunday.",
        note: "Courier trace opened, reference TR-55120. Check again on Thursday.",
      },
      ru: {
        subject: "Заказ {order} так и не пришёл",
        message:
          "Здравствуйте! Две недели назад я оформила заказ {order}, но посылка до сих пор не доставлена. В отслеживании уже девять дней статус «в пути». Подскажите, где мой заказ?",
        reply:
          "Спасибо, что написали, и простите за ожидание. Я отправила запрос в службу доставки по заказу {order}; они отвечают в течение двух рабочих дней, и я сразу сообщу вам результат. Если посылка потерялась, мы бесплатно отправим заказ повторно.",
        followUp: "Спасибо, буду ждать новостей. Заказ нужен к выходным.",
        note: "Запрос в службу доставки отправлен, номер TR-55121. Проверить в четверг.",
      },
      hr: {
        subject: "Narudžba {order} nije stigla",
        message:
          "Pozdrav, prije dva tjedna naručio sam tenisice (narudžba {order}), a praćenje pošiljke već devet dana pokazuje 'u prijevozu'. Možete li provjeriti gdje je paket?",
        reply:
          "Hvala što ste nam javili i ispričavamo se zbog čekanja. Pokrenula sam potragu za pošiljkom {order} kod dostavne službe; odgovaraju u roku od dva radna dana i javit ću vam se čim dobijem odgovor. Ako je paket izgubljen, odmah šaljemo novi par.",
        followUp: "Hvala, javite mi čim saznate nešto.",
        note: "Potraga kod dostavne službe otvorena, broj TR-55122. Provjeriti u četvrtak.",
      },
      sk: {
        subject: "Objednávka {order} stále neprišla",
        message:
          "Dobrý deň, pred dvoma týždňami som si objednala bežecké topánky (objednávka {order}) a sledovanie zásielky už deväť dní ukazuje 'na ceste'. Viete mi povedať, kde je balík?",
        reply:
          "Ďakujem, že ste sa ozvali, a prepáčte za čakanie. U prepravcu som otvorila pátranie po zásielke {order}; odpovedajú do dvoch pracovných dní a hneď vám dám vedieť. Ak sa balík stratil, pošleme vám nový pár okamžite.",
        followUp: "Ďakujem, budem čakať na správu.",
        note: "Pátranie u prepravcu otvorené, číslo TR-55123. Skontrolovať vo štvrtok.",
      },
    },
  },
  {
    key: "damaged-package",
    tags: ["damaged", "returns"],
    priority: "high",
    text: {
      en: {
        subject: "Package arrived damaged",
        message:
          "The box for order {order} arrived crushed and the glass lid of the casserole dish is broken. I have photos. What should I do?",
        reply:
          "I'm sorry the dish arrived broken. You don't need to send anything back: I have ordered a replacement lid for you, it ships today. Could you reply with one of the photos so we can claim the damage from the courier?",
        followUp: "Photo attached. Thank you for sorting it out so quickly!",
      },
      ru: {
        subject: "Посылка пришла повреждённой",
        message:
          "Коробка с заказом {order} пришла смятой, стеклянная крышка от кастрюли разбита. У меня есть фотографии. Что мне делать?",
        reply:
          "Очень жаль, что так вышло. Ничего возвращать не нужно: я уже оформил отправку новой крышки, она уйдёт сегодня. Пришлите, пожалуйста, одну из фотографий — мы предъявим претензию службе доставки.",
        followUp: "Фото во вложении. Спасибо, что так быстро помогли!",
      },
      hr: {
        subject: "Paket je stigao oštećen",
        message:
          "Kutija s narudžbom {order} stigla je zgnječena, a stakleni poklopac posude je razbijen. Imam fotografije. Što da napravim?",
        reply:
          "Žao mi je što je posuda stigla razbijena. Ništa ne morate vraćati: naručio sam vam novi poklopac i šalje se danas. Možete li odgovoriti s jednom fotografijom kako bismo štetu prijavili dostavnoj službi?",
        followUp: "Šaljem fotografiju. Hvala na brzom rješenju!",
      },
      sk: {
        subject: "Balík prišiel poškodený",
        message:
          "Krabica s objednávkou {order} prišla pokrčená a sklenená pokrievka misy je rozbitá. Mám fotky. Čo mám urobiť?",
        reply:
          "Mrzí ma, že misa prišla rozbitá. Nič nemusíte posielať späť: objednal som vám novú pokrievku, odchádza ešte dnes. Pošlete mi prosím jednu z fotiek, aby sme škodu mohli reklamovať u prepravcu?",
        followUp: "Fotku posielam. Ďakujem za rýchle vybavenie!",
      },
    },
  },
  {
    key: "refund",
    tags: ["billing", "refund"],
    priority: "normal",
    text: {
      en: {
        subject: "When will I get my refund?",
        message:
          "I returned the jacket from order {order} ten days ago and the courier confirmed delivery to you. I still haven't received the refund.",
        reply:
          "Thanks for your patience. Your return was checked yesterday and the refund was issued this morning; banks usually show it within 3–5 working days. You will also get a confirmation email from us.",
      },
      ru: {
        subject: "Когда вернутся деньги?",
        message:
          "Десять дней назад я вернул куртку из заказа {order}, курьер подтвердил доставку. Деньги до сих пор не вернулись.",
        reply:
          "Спасибо за терпение. Ваш возврат проверили вчера, а деньги отправили сегодня утром; обычно банк зачисляет их за 3–5 рабочих дней. Подтверждение придёт вам на почту.",
      },
      hr: {
        subject: "Kada ću dobiti povrat novca?",
        message:
          "Prije deset dana vratila sam jaknu iz narudžbe {order} i dostavljač je potvrdio da ste je primili. Povrat novca još nisam dobila.",
        reply:
          "Hvala na strpljenju. Vaš povrat pregledan je jučer, a novac je uplaćen jutros; banke ga obično prikažu za 3 do 5 radnih dana. Poslat ćemo vam i potvrdu e-poštom.",
      },
      sk: {
        subject: "Kedy dostanem peniaze späť?",
        message:
          "Pred desiatimi dňami som vrátil bundu z objednávky {order} a kuriér potvrdil doručenie. Peniaze mi stále neprišli.",
        reply:
          "Ďakujeme za trpezlivosť. Vaše vrátenie sme včera skontrolovali a peniaze sme poslali dnes ráno; banka ich zvyčajne pripíše do 3 – 5 pracovných dní. Potvrdenie vám príde aj e-mailom.",
      },
    },
  },
  {
    key: "exchange-size",
    tags: ["returns", "exchange"],
    priority: "normal",
    text: {
      en: {
        subject: "Exchange for a bigger size",
        message: "The boots from order {order} are too small. Can I exchange them for size 42?",
        reply:
          "Of course. There are two ways: we send size 42 now and you return the small pair within 14 days, or you send them back first and we ship the new pair when they arrive. Which would you prefer?",
        followUp: "Please send the new pair now, I'll post the old ones tomorrow.",
      },
      ru: {
        subject: "Обмен на размер побольше",
        message: "Ботинки из заказа {order} оказались малы. Можно обменять их на 42 размер?",
        reply:
          "Конечно. Есть два варианта: мы сразу отправляем 42 размер, а вы возвращаете маленькую пару в течение 14 дней, или сначала вы отправляете ботинки, а мы высылаем новую пару после получения. Как вам удобнее?",
        followUp: "Отправьте, пожалуйста, новую пару сразу, старые верну завтра.",
      },
      hr: {
        subject: "Zamjena za veći broj",
        message: "Čizme iz narudžbe {order} su mi male. Mogu li ih zamijeniti za broj 42?",
        reply:
          "Naravno. Postoje dvije mogućnosti: odmah šaljemo broj 42, a vi male vratite u roku od 14 dana, ili ih prvo vratite pa šaljemo nove kad stignu. Što vam više odgovara?",
        followUp: "Pošaljite nove odmah, stare šaljem sutra.",
      },
      sk: {
        subject: "Výmena za väčšiu veľkosť",
        message: "Čižmy z objednávky {order} sú mi malé. Môžem ich vymeniť za veľkosť 42?",
        reply:
          "Samozrejme. Sú dve možnosti: veľkosť 42 pošleme hneď a malé vrátite do 14 dní, alebo ich najprv pošlete späť a nové odošleme po ich doručení. Čo vám viac vyhovuje?",
        followUp: "Pošlite prosím nové hneď, staré odošlem zajtra.",
      },
    },
  },
  {
    key: "double-charge",
    tags: ["billing"],
    priority: "urgent",
    text: {
      en: {
        subject: "I was charged twice",
        message:
          "My card was charged twice for order {order}, 89.90 EUR each time. Please refund the second payment.",
        reply:
          "Thank you for spotting this. I can see two payments for {order}; the second one has been cancelled and the money is back on your card within 3 working days. I'm sorry for the trouble.",
        note: "Payment provider case PP-2291. Finance informed.",
      },
      ru: {
        subject: "Деньги списали дважды",
        message:
          "С карты дважды списали оплату за заказ {order}, оба раза по 89,90 EUR. Верните, пожалуйста, второй платёж.",
        reply:
          "Спасибо, что заметили. Я вижу два платежа по заказу {order}; второй мы отменили, деньги вернутся на карту в течение 3 рабочих дней. Приносим извинения за неудобства.",
        note: "Обращение к платёжному провайдеру PP-2292. Бухгалтерия в курсе.",
      },
      hr: {
        subject: "Naplaćeno mi je dvaput",
        message:
          "Kartica mi je dvaput terećena za narudžbu {order}, oba puta 89,90 EUR. Molim povrat drugog plaćanja.",
        reply:
          "Hvala što ste to primijetili. Vidim dva plaćanja za {order}; drugo je poništeno i novac će vam biti na kartici u roku od 3 radna dana. Ispričavam se zbog neugodnosti.",
        note: "Slučaj kod pružatelja plaćanja PP-2293. Računovodstvo obaviješteno.",
      },
      sk: {
        subject: "Platba mi bola stiahnutá dvakrát",
        message:
          "Z karty mi dvakrát stiahli platbu za objednávku {order}, zakaždým 89,90 EUR. Prosím o vrátenie druhej platby.",
        reply:
          "Ďakujem, že ste si to všimli. Vidím dve platby za {order}; druhú sme zrušili a peniaze budú na vašej karte do 3 pracovných dní. Ospravedlňujem sa za komplikácie.",
        note: "Prípad u platobnej brány PP-2294. Účtovníctvo informované.",
      },
    },
  },
  {
    key: "delivery-time",
    tags: ["shipping", "question"],
    priority: "low",
    text: {
      en: {
        subject: "How long does delivery take?",
        message: "Hi! If I order today, will the parcel arrive before Friday? I live in Split.",
        reply:
          "Hi! Orders placed before 14:00 leave our warehouse the same day and usually arrive in 1–2 working days, so Friday is very likely. You'll get a tracking link by email as soon as it ships.",
      },
      ru: {
        subject: "Сколько идёт доставка?",
        message: "Добрый день! Если я закажу сегодня, посылка придёт до пятницы? Я живу в Казани.",
        reply:
          "Добрый день! Заказы, оформленные до 14:00, отправляются в тот же день и обычно приходят за 2–4 рабочих дня. Ссылку для отслеживания пришлём на почту сразу после отправки.",
      },
      hr: {
        subject: "Koliko traje dostava?",
        message: "Pozdrav! Ako danas naručim, hoće li paket stići do petka? Živim u Osijeku.",
        reply:
          "Pozdrav! Narudžbe zaprimljene do 14 sati šaljemo isti dan i obično stižu za 1 do 2 radna dana, tako da je petak vrlo vjerojatan. Poveznicu za praćenje dobit ćete e-poštom čim paket krene.",
      },
      sk: {
        subject: "Ako dlho trvá doručenie?",
        message: "Dobrý deň, ak objednám dnes, príde balík do piatku? Bývam v Košiciach.",
        reply:
          "Dobrý deň, objednávky prijaté do 14:00 odosielame ešte v ten deň a zvyčajne prídu do 1 – 2 pracovných dní, takže piatok je veľmi pravdepodobný. Odkaz na sledovanie vám príde e-mailom hneď po odoslaní.",
      },
    },
  },
  {
    key: "account-login",
    tags: ["account"],
    priority: "normal",
    text: {
      en: {
        subject: "Can't log in to my account",
        message:
          "I reset my password twice but the site still says my login is wrong. My email is the one I'm writing from.",
        reply:
          "Thanks for writing in. I found that your account was created with a different address (with a dot in the name). I've merged the two, so you can now sign in with this email and the password you set today.",
      },
      ru: {
        subject: "Не могу войти в личный кабинет",
        message:
          "Я дважды сбрасывала пароль, но сайт всё равно пишет, что логин неверный. Почта та же, с которой пишу.",
        reply:
          "Спасибо за обращение. Оказалось, что ваш аккаунт был создан на другой адрес (с точкой в имени). Я объединила их, теперь вы можете войти с этой почтой и паролем, который задали сегодня.",
      },
      hr: {
        subject: "Ne mogu se prijaviti u račun",
        message:
          "Dvaput sam resetirao lozinku, ali stranica i dalje kaže da je prijava pogrešna. E-pošta je ova s koje pišem.",
        reply:
          "Hvala na poruci. Vaš korisnički račun otvoren je s drugom adresom (s točkom u imenu). Spojio sam ih, pa se sada možete prijaviti ovom adresom i lozinkom koju ste danas postavili.",
      },
      sk: {
        subject: "Neviem sa prihlásiť do účtu",
        message:
          "Dvakrát som si obnovila heslo, ale stránka stále píše, že prihlásenie je nesprávne. E-mail je ten, z ktorého píšem.",
        reply:
          "Ďakujem za správu. Váš účet bol vytvorený s inou adresou (s bodkou v mene). Oba účty som zlúčil, takže sa teraz prihlásite týmto e-mailom a heslom, ktoré ste si dnes nastavili.",
      },
    },
  },
  {
    key: "unhappy-product",
    tags: ["complaint", "product"],
    priority: "high",
    text: {
      en: {
        subject: "Very disappointed with the coffee grinder",
        message:
          "The grinder from order {order} stopped working after a week. It was not cheap and I'm really disappointed. I want my money back.",
        reply:
          "I understand how annoying this is after only a week, and thank you for telling us. I can refund you in full today, or send a new grinder of the newer model at no extra cost — whichever you prefer. Either way, please don't send the broken one back; our courier will collect it.",
        followUp: "OK, the newer model sounds good. Thank you.",
        note: "Second report about this grinder batch this month — flag for product team.",
      },
      ru: {
        subject: "Очень разочарован кофемолкой",
        message:
          "Кофемолка из заказа {order} сломалась через неделю. Она стоила недёшево, я очень разочарован. Хочу вернуть деньги.",
        reply:
          "Понимаю, как это неприятно всего через неделю, спасибо, что сообщили. Я могу сегодня же вернуть полную стоимость или бесплатно отправить новую кофемолку более новой модели — как вам удобнее. В любом случае сломанную отправлять не нужно: курьер заберёт её сам.",
        followUp: "Хорошо, давайте новую модель. Спасибо.",
        note: "Второе обращение по этой партии кофемолок за месяц — передать команде продукта.",
      },
      hr: {
        subject: "Jako sam razočarana mlincem za kavu",
        message:
          "Mlinac iz narudžbe {order} prestao je raditi nakon tjedan dana. Nije bio jeftin i stvarno sam razočarana. Želim povrat novca.",
        reply:
          "Razumijem koliko je to neugodno nakon samo tjedan dana i hvala što ste nam rekli. Danas vam mogu vratiti cijeli iznos ili besplatno poslati novi mlinac novijeg modela — kako vam više odgovara. U oba slučaja pokvareni ne morate slati, dostavljač će ga preuzeti.",
        followUp: "Može noviji model, hvala.",
        note: "Druga prijava za ovu seriju mlinaca ovaj mjesec — javiti timu za proizvod.",
      },
      sk: {
        subject: "Veľmi som sklamaný mlynčekom na kávu",
        message:
          "Mlynček z objednávky {order} po týždni prestal fungovať. Nebol lacný a som naozaj sklamaný. Chcem vrátiť peniaze.",
        reply:
          "Chápem, aké je to nepríjemné už po týždni, a ďakujem, že ste nám dali vedieť. Dnes vám môžem vrátiť celú sumu alebo bezplatne poslať nový mlynček novšieho modelu — podľa toho, čo vám viac vyhovuje. Pokazený nemusíte posielať, kuriér si ho vyzdvihne.",
        followUp: "Dobre, novší model bude super. Ďakujem.",
        note: "Druhá reklamácia tejto série mlynčekov tento mesiac — nahlásiť produktovému tímu.",
      },
    },
  },
  {
    key: "callback",
    tags: ["callback"],
    priority: "normal",
    text: {
      en: {
        subject: "Callback request",
        message:
          "Please call me back tomorrow between 10 and 12 about changing the delivery address for order {order}.",
        reply:
          "Done — Marko will call you tomorrow between 10:00 and 12:00. If the time stops suiting you, just reply here.",
      },
      ru: {
        subject: "Прошу перезвонить",
        message:
          "Перезвоните мне, пожалуйста, завтра с 10 до 12 — нужно изменить адрес доставки заказа {order}.",
        reply:
          "Готово: завтра с 10:00 до 12:00 вам позвонит наш специалист. Если время станет неудобным, просто ответьте на это письмо.",
      },
      hr: {
        subject: "Molim povratni poziv",
        message:
          "Molim vas nazovite me sutra između 10 i 12 zbog promjene adrese dostave za narudžbu {order}.",
        reply:
          "Dogovoreno — Marko će vas nazvati sutra između 10 i 12 sati. Ako vam termin više ne odgovara, samo odgovorite ovdje.",
      },
      sk: {
        subject: "Prosím o spätný telefonát",
        message:
          "Zavolajte mi prosím zajtra medzi 10. a 12. hodinou kvôli zmene adresy doručenia objednávky {order}.",
        reply:
          "Hotovo — zajtra medzi 10:00 a 12:00 vám zavolá náš kolega. Ak vám čas prestane vyhovovať, stačí odpísať sem.",
      },
    },
  },
  {
    key: "voicemail",
    tags: ["voicemail", "order-change"],
    priority: "normal",
    text: {
      en: {
        subject: "Voicemail from +385 91 555 0101",
        message:
          "(Voicemail, 0:42) Hello, this is about order {order}. I'd like to add a second bottle of the olive oil if it hasn't shipped yet. Thanks, bye.",
        reply:
          "Thanks for your message! The order hadn't shipped yet, so I've added the second bottle; the difference is 12.50 EUR on the same card.",
      },
      ru: {
        subject: "Голосовое сообщение с +7 912 555 01 02",
        message:
          "(Голосовое сообщение, 0:38) Здравствуйте, это по заказу {order}. Если он ещё не отправлен, добавьте, пожалуйста, вторую бутылку оливкового масла. Спасибо.",
        reply:
          "Спасибо за сообщение! Заказ ещё не был отправлен, я добавила вторую бутылку; доплата 12,50 EUR спишется с той же карты.",
      },
      hr: {
        subject: "Glasovna poruka s +385 98 555 0103",
        message:
          "(Glasovna poruka, 0:40) Dobar dan, zovem zbog narudžbe {order}. Ako još nije poslana, dodajte molim vas još jednu bocu maslinova ulja. Hvala.",
        reply:
          "Hvala na poruci! Narudžba još nije bila poslana pa sam dodala drugu bocu; razlika od 12,50 EUR naplatit će se s iste kartice.",
      },
      sk: {
        subject: "Hlasová správa z +421 905 555 104",
        message:
          "(Hlasová správa, 0:35) Dobrý deň, volám kvôli objednávke {order}. Ak ešte nebola odoslaná, pridajte prosím druhú fľašu olivového oleja. Ďakujem.",
        reply:
          "Ďakujem za správu! Objednávka ešte nebola odoslaná, takže som pridala druhú fľašu; rozdiel 12,50 EUR sa stiahne z tej istej karty.",
      },
    },
  },
  {
    key: "discount-code",
    tags: ["billing", "promo"],
    priority: "low",
    text: {
      en: {
        subject: "Discount code doesn't work",
        message: "The code AUTUMN15 from your newsletter says 'invalid' at checkout. Is it still valid?",
        reply:
          "Thanks for asking! The code works for orders over 40 EUR — your basket was just under. Add anything small and it will apply; it's valid until the end of the month.",
      },
      ru: {
        subject: "Не работает промокод",
        message: "Промокод OSEN15 из рассылки при оформлении пишет «недействителен». Он ещё действует?",
        reply:
          "Спасибо за вопрос! Промокод действует для заказов от 40 EUR — в вашей корзине чуть меньше. Добавьте любую мелочь, и скидка применится; код действует до конца месяца.",
      },
      hr: {
        subject: "Kod za popust ne radi",
        message: "Kod JESEN15 iz vašeg newslettera na blagajni javlja 'nevažeći'. Vrijedi li još?",
        reply:
          "Hvala na pitanju! Kod vrijedi za narudžbe iznad 40 EUR — vaša košarica bila je malo ispod. Dodajte bilo što sitno i popust će se primijeniti; vrijedi do kraja mjeseca.",
      },
      sk: {
        subject: "Zľavový kód nefunguje",
        message: "Kód JESEN15 z vášho newslettera pri pokladni píše 'neplatný'. Platí ešte?",
        reply:
          "Ďakujem za otázku! Kód platí pre objednávky nad 40 EUR — váš košík bol tesne pod. Pridajte čokoľvek drobné a zľava sa uplatní; platí do konca mesiaca.",
      },
    },
  },
  {
    key: "invoice",
    tags: ["billing", "invoice"],
    priority: "low",
    text: {
      en: {
        subject: "Invoice with company details",
        message:
          "Could you issue the invoice for order {order} to my company? Name: Lumen d.o.o., VAT ID HR12345678901.",
        reply:
          "Certainly — the new invoice for {order} with Lumen d.o.o. and your VAT ID is attached to this email. The old one has been cancelled.",
      },
      ru: {
        subject: "Счёт на компанию",
        message: "Можно выставить счёт по заказу {order} на мою компанию? ООО «Рассвет», ИНН 7701234567.",
        reply:
          "Конечно — новый счёт по заказу {order} на ООО «Рассвет» с вашим ИНН во вложении. Старый счёт аннулирован.",
      },
      hr: {
        subject: "Račun na tvrtku",
        message: "Možete li račun za narudžbu {order} izdati na moju tvrtku? Lumen d.o.o., OIB 12345678901.",
        reply:
          "Naravno — novi račun za {order} na Lumen d.o.o. s vašim OIB-om nalazi se u privitku. Stari račun je storniran.",
      },
      sk: {
        subject: "Faktúra na firmu",
        message:
          "Mohli by ste vystaviť faktúru k objednávke {order} na moju firmu? Lumen s.r.o., IČ DPH SK2020123456.",
        reply:
          "Samozrejme — nová faktúra k {order} na Lumen s.r.o. s vaším IČ DPH je v prílohe. Pôvodnú sme stornovali.",
      },
    },
  },
];

/**
 * First and last names that sound local for each language, for demo customers and agents. Russian and
 * Slovak surnames agree with gender: lists alternate female/male, so pair indexes of equal parity.
 */
export const demoNames: Record<DemoLanguage, { first: string[]; last: string[] }> = {
  en: {
    first: ["Emma", "Oliver", "Sophie", "James", "Grace", "Harry", "Chloe", "Daniel", "Lucy", "Thomas"],
    last: ["Walker", "Bennett", "Hughes", "Clarke", "Turner", "Morris", "Wright", "Cooper", "Hayes", "Price"],
  },
  ru: {
    first: [
      "Анна",
      "Дмитрий",
      "Ольга",
      "Сергей",
      "Мария",
      "Алексей",
      "Екатерина",
      "Иван",
      "Наталья",
      "Михаил",
    ],
    last: [
      "Иванова",
      "Смирнов",
      "Кузнецова",
      "Попов",
      "Соколова",
      "Лебедев",
      "Морозова",
      "Волков",
      "Орлова",
      "Павлов",
    ],
  },
  hr: {
    first: ["Ivana", "Marko", "Petra", "Luka", "Ana", "Josip", "Marija", "Ivan", "Katarina", "Tomislav"],
    last: [
      "Horvat",
      "Kovačević",
      "Babić",
      "Marić",
      "Jurić",
      "Novak",
      "Knežević",
      "Vuković",
      "Šarić",
      "Perić",
    ],
  },
  sk: {
    first: ["Zuzana", "Peter", "Jana", "Martin", "Lucia", "Tomáš", "Katarína", "Michal", "Eva", "Juraj"],
    last: [
      "Horváthová",
      "Kováč",
      "Balážová",
      "Tóth",
      "Nagyová",
      "Lukáč",
      "Šimková",
      "Molnár",
      "Krajčírová",
      "Szabó",
    ],
  },
};
