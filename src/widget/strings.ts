/**
 * The widget's words in Heed's four languages (kept here, small: they ship inside the widget). `{time}`
 * is a duration from Intl ("5 minutes", "5 минут"), in the nominative: the sentences are built so that
 * it fits in every language.
 */
export const STRINGS = {
  en: {
    open: "Chat with us",
    close: "Close chat",
    title: "Chat",
    online: "We're here. Ask us anything.",
    usually: "We usually reply in about {time}.",
    away: "We're away right now. Leave a message and we'll answer by email.",
    name: "Your name",
    email: "Your email",
    optional: "(optional)",
    message: "Your message",
    attach: "Attach a file",
    remove: "Remove {name}",
    tooLarge: "{name} is larger than 10 MB.",
    uploadFailed: "{name} could not be attached.",
    send: "Send",
    sending: "Sending…",
    sent: "Sent",
    seen: "Seen",
    typing: "{name} is typing…",
    reconnecting: "Reconnecting…",
    required: "Please fill in the required fields.",
    tooMany: "Too many messages at once. We'll send it in a moment.",
    byEmail: "Thanks! We'll answer by email at {email}.",
    you: "You",
    team: "Team",
    unread: "{count} new",
  },
  ru: {
    open: "Написать нам",
    close: "Закрыть чат",
    title: "Чат",
    online: "Мы на связи. Спрашивайте.",
    usually: "Обычное время ответа: {time}.",
    away: "Сейчас нас нет на месте. Оставьте сообщение — мы ответим по почте.",
    name: "Ваше имя",
    email: "Ваш email",
    optional: "(необязательно)",
    message: "Ваше сообщение",
    attach: "Прикрепить файл",
    remove: "Убрать {name}",
    tooLarge: "{name} больше 10 МБ.",
    uploadFailed: "Не удалось прикрепить {name}.",
    send: "Отправить",
    sending: "Отправляется…",
    sent: "Отправлено",
    seen: "Прочитано",
    typing: "{name} печатает…",
    reconnecting: "Восстанавливаем связь…",
    required: "Заполните обязательные поля.",
    tooMany: "Слишком много сообщений подряд. Отправим чуть позже.",
    byEmail: "Спасибо! Ответим на {email}.",
    you: "Вы",
    team: "Команда",
    unread: "новых: {count}",
  },
  hr: {
    open: "Pišite nam",
    close: "Zatvori chat",
    title: "Chat",
    online: "Tu smo. Pitajte nas što god vas zanima.",
    usually: "Uobičajeno vrijeme odgovora: {time}.",
    away: "Trenutačno nismo tu. Ostavite poruku i odgovorit ćemo e-poštom.",
    name: "Vaše ime",
    email: "Vaša e-pošta",
    optional: "(nije obavezno)",
    message: "Vaša poruka",
    attach: "Priloži datoteku",
    remove: "Ukloni {name}",
    tooLarge: "{name} je veća od 10 MB.",
    uploadFailed: "{name} nije moguće priložiti.",
    send: "Pošalji",
    sending: "Šalje se…",
    sent: "Poslano",
    seen: "Pročitano",
    typing: "{name} piše…",
    reconnecting: "Ponovno se povezujemo…",
    required: "Ispunite obavezna polja.",
    tooMany: "Previše poruka odjednom. Poslat ćemo je za trenutak.",
    byEmail: "Hvala! Odgovorit ćemo na {email}.",
    you: "Vi",
    team: "Tim",
    unread: "novo: {count}",
  },
  sk: {
    open: "Napíšte nám",
    close: "Zavrieť chat",
    title: "Chat",
    online: "Sme tu. Pýtajte sa na čokoľvek.",
    usually: "Zvyčajný čas odpovede: {time}.",
    away: "Momentálne tu nie sme. Nechajte nám správu a odpovieme e-mailom.",
    name: "Vaše meno",
    email: "Váš e-mail",
    optional: "(nepovinné)",
    message: "Vaša správa",
    attach: "Priložiť súbor",
    remove: "Odstrániť {name}",
    tooLarge: "{name} je väčší ako 10 MB.",
    uploadFailed: "{name} sa nepodarilo priložiť.",
    send: "Odoslať",
    sending: "Odosiela sa…",
    sent: "Odoslané",
    seen: "Prečítané",
    typing: "{name} píše…",
    reconnecting: "Znova sa pripájame…",
    required: "Vyplňte povinné polia.",
    tooMany: "Priveľa správ naraz. Odošleme ju o chvíľu.",
    byEmail: "Ďakujeme! Odpovieme na {email}.",
    you: "Vy",
    team: "Tím",
    unread: "nové: {count}",
  },
} as const;

export type Lang = keyof typeof STRINGS;
export type Words = Record<keyof (typeof STRINGS)["en"], string>;

/** The page's language (data-lang, then <html lang>, then the browser's), or English. */
export function pickLanguage(candidates: (string | null | undefined)[]): Lang {
  for (const candidate of candidates) {
    const code = candidate?.toLowerCase().slice(0, 2);
    if (code && code in STRINGS) return code as Lang;
  }
  return "en";
}

export const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));
