// The public entry of @dotflow/notify: Telegram and Discord notifiers and Dotflow server reporting.
export { TelegramNotify, type TelegramNotifyOptions } from './telegram.notify';
export { DiscordNotify, type DiscordNotifyOptions } from './discord.notify';
export { ChatNotifier } from './chat-notifier';
export { HttpServer, type HttpServerOptions } from './server/http.server';
export type { ServerTaskBody, ServerTaskError, ServerWorkflowBody } from './server/server-bodies';
export type { ChatNotifyOptions, DeliveryOptions, ThrottleOptions } from './options/notify-options';
export { telegramText, telegramDigestText, TELEGRAM_TEXT_LIMIT } from './render/telegram-text';
export { discordEmbed, discordDigestEmbed, DISCORD_COLORS, type DiscordEmbed, type DiscordEmbedField } from './render/discord-embed';
export type { Digest, StatusEvent } from './render/text';
export { NotifyDeliveryError, type NotifyService, type DeliveryFailureKind } from './errors/notify-delivery.error';
export { MissingServerOptionError, type ServerOptionName } from './errors/missing-server-option.error';
export { InvalidNotifyOptionsError } from './errors/invalid-notify-options.error';
