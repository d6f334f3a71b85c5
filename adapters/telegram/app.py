"""Telegram Application: updates -> the core (via incoming.py), `Reply` -> HTML messages with buttons (render.py).

Thin on purpose: the core decides what to answer and who may do what; this module only knows
Telegram (who is addressed, how to ask "is this user an admin?", how to draw and split replies).
`serve()` is started by adapters/runner.py, which owns the event loop and the stop signal.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from typing import Any
from urllib.parse import urlparse

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    ForceReply,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    MaybeInaccessibleMessage,
    Update,
)
from telegram import Message as TgMessage
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChosenInlineResultHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.helpers import create_deep_linked_url

from adapters.telegram.digests import digest_loop
from adapters.telegram.inbox import InboxQueue, from_inbox
from adapters.telegram.incoming import ModeratorCache, TelegramContext, classify, locale_of
from adapters.telegram.inline import InlineMode
from adapters.telegram.render import caption_fits, keyboard, render_html, render_notice
from bot import commands, inbox
from bot.assistant import Assistant
from bot.assistant.digests import CHECK_SECONDS
from bot.config import Settings
from bot.i18n import t
from bot.inbox import InboxSettings, InboxWorker
from bot.models import Image, Locale, Message, PrivateLink, Reply
from bot.storage.base import InboxItem

log = logging.getLogger(__name__)

PLATFORM = "telegram"
_ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY, Update.CHOSEN_INLINE_RESULT]
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_BOOTSTRAP_RETRIES = 5  # transient network errors while deleting/setting the webhook at start

TgApp = Application[Any, Any, Any, Any, Any, Any]  # handlers only use .bot; keep the generics open


def menu(locale: Locale, moderators: bool) -> list[BotCommand]:
    """The command menu from bot/commands.py (descriptions kept within Telegram's 3-256 characters)."""
    result = []
    for command in commands.menu(locale, moderators):
        description = command.summary(locale).strip()
        description = description if len(description) >= 3 else description.ljust(3, ".")
        result.append(BotCommand(command.name, description[:256]))
    return result


def file_url(api_url: str) -> str | None:
    """The Bot API file URL matching `api_url` (".../bot" -> ".../file/bot"), for a local API server."""
    for marker in ("/bot{token}", "/bot"):
        if api_url.endswith(marker):
            return api_url[: -len(marker)] + "/file" + marker
    return None


class TelegramAdapter:
    """The handlers wired into one `Application`: messages, button presses, errors, menus."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.moderators = ModeratorCache()
        self.inline = InlineMode(assistant)

    # --- wiring --------------------------------------------------------------------------
    def install(self, app: TgApp) -> None:
        text_or_caption = (filters.TEXT | filters.CAPTION) & filters.UpdateType.MESSAGE
        app.add_handler(MessageHandler(text_or_caption, self.on_message))
        app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, self.on_migrate))
        app.add_handler(CallbackQueryHandler(self.on_button))
        app.add_handler(InlineQueryHandler(self.inline.on_query))
        app.add_handler(ChosenInlineResultHandler(self.inline.on_chosen))
        app.add_error_handler(self.on_error)

    async def post_init(self, app: TgApp) -> None:
        """Publish the command menus: everyone in private and group chats; admins also get /faq."""
        scopes = [
            (BotCommandScopeAllPrivateChats(), False),
            (BotCommandScopeAllGroupChats(), False),
            (BotCommandScopeAllChatAdministrators(), True),
        ]
        for scope, moderators in scopes:
            for language in (None, "es"):
                locale: Locale = "es" if language == "es" else "en"
                try:
                    await app.bot.set_my_commands(menu(locale, moderators), scope=scope, language_code=language)
                except TelegramError as exc:  # a menu is a convenience: never a reason not to start
                    log.warning("set_my_commands failed (%s)", type(exc).__name__)

    # --- messages ------------------------------------------------------------------------
    async def on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        if message is None or message.from_user is None:
            return
        bot = context.bot
        incoming = classify(message, bot.id, bot.username)
        if incoming is None:
            return
        if incoming.command in inbox.LATE_DROPPED_COMMANDS and inbox.drop_if_late(f"/{incoming.command}"):
            return
        chat = message.chat
        user = message.from_user
        core_message = Message(
            text=incoming.text,
            platform=PLATFORM,
            community_id=None if chat.type == ChatType.PRIVATE else f"{PLATFORM}:{chat.id}",
            user_id=str(user.id),
            is_private=chat.type == ChatType.PRIVATE,
            addressed=incoming.addressed,
            locale=locale_of(user.language_code),
            ref=str(message.message_id),
            deep_links=True,
        )
        anonymous = message.sender_chat is not None and message.sender_chat.id == chat.id
        chat_context = TelegramContext(context.application, chat.id, user.id, self.moderators, anonymous)
        reply = inbox.late_reply(await self.assistant.handle(core_message, chat_context))
        if reply.kind == "silent":
            return
        await self.deliver(context, reply, message)

    async def deliver(self, context: ContextTypes.DEFAULT_TYPE, reply: Reply, origin: MaybeInaccessibleMessage) -> None:
        """Show a reply in the chat of `origin`, replying to it; private replies go to the user's DM."""
        chat = origin.chat
        if reply.private and chat.type != ChatType.PRIVATE:
            user = origin.from_user if isinstance(origin, TgMessage) else None
            await self._deliver_privately(context, reply, origin, user.id if user else None)
            return
        markup: InlineKeyboardMarkup | ForceReply | None = keyboard(reply, _private_url(context, reply.private_link))
        if reply.prompt:  # the next step must come as a reply to the bot (privacy mode)
            markup = ForceReply(selective=True)
        await self._send(context, chat.id, render_html(reply), markup, reply_to=origin.message_id,
                         thread=_thread(origin), image=reply.image)

    async def _deliver_privately(self, context: ContextTypes.DEFAULT_TYPE, reply: Reply,
                                 origin: MaybeInaccessibleMessage, user_id: int | None) -> None:
        try:
            if user_id is None:
                raise Forbidden("no user to write to")
            await self._send(context, user_id, render_html(reply), keyboard(reply), reply_to=None, image=reply.image)
        except (Forbidden, BadRequest) as exc:  # the user never opened a private chat with the bot
            if isinstance(exc, BadRequest) and "chat not found" not in exc.message.lower():
                raise
            link = _private_url(context, reply.private_link) or create_deep_linked_url(context.bot.username)
            notice = t("start_private_first", reply.locale, link=link)
            await self._send(context, origin.chat.id, render_notice(notice), _link_only(reply, link),
                             reply_to=origin.message_id, thread=_thread(origin))
            return
        if reply.group_notice:
            url = _private_url(context, reply.private_link)
            await self._send(context, origin.chat.id, render_notice(reply.group_notice),
                             _link_only(reply, url), reply_to=origin.message_id, thread=_thread(origin))

    @staticmethod
    async def _send(context: ContextTypes.DEFAULT_TYPE, chat_id: int, parts: list[str],
                    markup: InlineKeyboardMarkup | ForceReply | None, *, reply_to: int | None,
                    thread: int | None = None, image: Image | None = None) -> TgMessage | None:
        """Send the parts in order, the first replying to `reply_to`, the buttons on the last; return the last.

        An `image` goes first as a photo, with the text as its caption when it fits (one message), else
        alone and followed by the text. `thread` keeps replies inside a forum topic even if the original
        message was deleted meanwhile.
        """
        sent: TgMessage | None = None
        await inbox.before_send()  # from here on a crash may leave the answer sent but not marked done
        if image is not None:
            caption = parts[0] if caption_fits(parts) else None
            sent = await context.bot.send_photo(
                chat_id,
                image.data,
                caption=caption,
                parse_mode=ParseMode.HTML if caption else None,
                filename=image.filename,
                reply_to_message_id=reply_to,
                allow_sending_without_reply=True,
                reply_markup=markup if caption else None,
                message_thread_id=thread,
            )
            if caption is not None:
                return sent
            reply_to = None
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            sent = await context.bot.send_message(
                chat_id,
                part,
                parse_mode=ParseMode.HTML,
                link_preview_options=_NO_PREVIEW,
                reply_to_message_id=reply_to if index == 0 else None,
                allow_sending_without_reply=True,
                reply_markup=markup if last else None,
                message_thread_id=thread,
            )
        return sent

    async def on_migrate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A group upgraded to a supergroup gets a new chat id: its FAQ, settings and history follow."""
        message = update.effective_message
        if message is None or message.migrate_to_chat_id is None:
            return  # the twin service message (migrate_from_chat_id) arrives in the new chat
        old, new = f"{PLATFORM}:{message.chat.id}", f"{PLATFORM}:{message.migrate_to_chat_id}"
        await self.assistant.move_community(old, new)
        log.info("a group became a supergroup; its community data moved to the new chat id")

    # --- buttons -------------------------------------------------------------------------
    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None or inbox.drop_if_late("button press"):  # a late press belongs to an old screen
            return
        try:
            await query.answer()  # acknowledge first: the client's spinner stops whatever happens next
        except BadRequest as exc:  # e.g. "query is too old" after a restart: still handle the press
            log.info("answer_callback_query failed (%s)", type(exc).__name__)
        origin = query.message
        if origin is None or not query.data:
            return
        chat = origin.chat
        user = query.from_user
        core_message = Message(
            text="",
            platform=PLATFORM,
            community_id=None if chat.type == ChatType.PRIVATE else f"{PLATFORM}:{chat.id}",
            user_id=str(user.id),
            is_private=chat.type == ChatType.PRIVATE,
            addressed=True,
            locale=locale_of(user.language_code),
            deep_links=True,
        )
        chat_context = TelegramContext(context.application, chat.id, user.id, self.moderators)
        reply = await self.assistant.handle_action(query.data, core_message, chat_context)
        if reply.delete_message is not None:
            reply = await self._delete(context, chat.id, reply.delete_message, origin, reply)
        if reply.kind != "silent":
            gone = reply.delete_origin and reply.kind == "info"  # the reminder was deleted: nothing to reply to
            await self._send(context, chat.id, render_html(reply), keyboard(reply),
                             reply_to=None if gone else origin.message_id, thread=_thread(origin), image=reply.image)

    @staticmethod
    async def _delete(context: ContextTypes.DEFAULT_TYPE, chat_id: int, ref: str,
                      reminder: MaybeInaccessibleMessage, done: Reply) -> Reply:
        """Delete the flagged message the core allowed us to delete, then the reminder too when the core
        says so (or else just its button)."""
        await inbox.before_send()
        try:
            await context.bot.delete_message(chat_id, int(ref))
        except (TelegramError, ValueError) as exc:
            log.warning("delete_message failed (%s)", type(exc).__name__)
            return Reply(kind="error", locale=done.locale, body=t("telegram_delete_failed", done.locale))
        try:
            if done.delete_origin:
                await context.bot.delete_message(chat_id, reminder.message_id)
            else:
                await context.bot.edit_message_reply_markup(chat_id, reminder.message_id, reply_markup=None)
        except TelegramError as exc:
            log.info("could not remove the reminder (%s)", type(exc).__name__)
        return done

    # --- errors --------------------------------------------------------------------------
    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log what failed without content (type and update id only) and tell the user when possible."""
        update_id = update.update_id if isinstance(update, Update) else None
        error = context.error
        log.error("error while handling update %s: %s", update_id, type(error).__name__)
        if error is not None and log.isEnabledFor(logging.DEBUG):  # frames only: messages may quote user text
            log.debug("traceback (message omitted):\n%s", "".join(traceback.format_tb(error.__traceback__)))
        if not inbox.failed(error):  # retried quietly by the inbox (or taken over by another worker)
            return
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        user = update.effective_user
        locale: Locale = locale_of(user.language_code if user else None) or "en"
        origin = update.effective_message
        try:
            await inbox.before_send()
            await context.bot.send_message(
                update.effective_chat.id,
                render_notice(t("internal_error", locale))[0],
                parse_mode=ParseMode.HTML,
                link_preview_options=_NO_PREVIEW,
                reply_to_message_id=origin.message_id if origin is not None else None,
                allow_sending_without_reply=True,
                message_thread_id=_thread(origin),
            )
        except (TelegramError, inbox.ClaimLost) as exc:
            log.warning("could not report the error to the chat (%s)", type(exc).__name__)


def _private_url(context: ContextTypes.DEFAULT_TYPE, link: PrivateLink | None) -> str | None:
    """The t.me deep link that opens the private chat with the bot on the core's step."""
    return create_deep_linked_url(context.bot.username, link.start) if link is not None else None


def _link_only(reply: Reply, url: str | None) -> InlineKeyboardMarkup | None:
    """Just the "continue in private" button (for the group's notice of a private reply)."""
    return keyboard(Reply(kind="info", locale=reply.locale, private_link=reply.private_link), url)


def _thread(origin: MaybeInaccessibleMessage | None) -> int | None:
    """The forum topic a message belongs to, so answers stay in that topic."""
    if isinstance(origin, TgMessage) and origin.is_topic_message:
        return origin.message_thread_id
    return None


def _quiet_library_logs() -> None:
    """PTB's DEBUG logs print the token (in API URLs), whole updates and message texts; httpx's INFO the URL."""
    for name, floor in (("telegram", logging.INFO), ("httpx", logging.WARNING), ("httpcore", logging.WARNING)):
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < floor:
            logger.setLevel(floor)


def build_application(assistant: Assistant, settings: Settings, queue: InboxQueue | None = None) -> TgApp:
    """The configured Application (handlers, rate limiter, menus in post_init), not yet started.

    With `queue`, updates go to the durable inbox instead of PTB's in-memory queue (see serve())."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    _quiet_library_logs()
    adapter = TelegramAdapter(assistant)
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_url)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .post_init(adapter.post_init)
    )
    files = file_url(settings.telegram_api_url)
    if files is not None:
        builder = builder.base_file_url(files)
    if queue is not None:
        builder = builder.update_queue(queue)
    app: TgApp = builder.build()
    adapter.install(app)
    return app


async def serve(assistant: Assistant, settings: Settings, stop: asyncio.Event, *,
                poll_timeout: int = 30, inbox_settings: InboxSettings | None = None,
                digest_interval: float = CHECK_SECONDS) -> None:
    """Run the bot (long polling, or a webhook when TELEGRAM_WEBHOOK_URL is set) until `stop` is set.

    Every update passes through the durable inbox (adapters/telegram/inbox.py): stored before Telegram
    is told it arrived, answered by an `InboxWorker` that also picks up what a previous run left."""
    queue = InboxQueue()
    app = build_application(assistant, settings, queue)

    async def process(item: InboxItem) -> None:
        await app.process_update(from_inbox(item, app.bot))

    worker = InboxWorker(assistant.store, [PLATFORM], process, inbox_settings)
    queue.worker = worker
    updater = app.updater
    if updater is None:  # pragma: no cover - ApplicationBuilder always makes one unless told not to
        raise RuntimeError("the Application has no Updater")
    await app.initialize()
    answering: asyncio.Task[None] | None = None
    try:
        if app.post_init is not None:  # run_polling would call it; with the manual lifecycle we do
            await app.post_init(app)
        if settings.telegram_webhook_url:
            # Always a secret token: PTB answers 403 to any request without it, so knowing the URL is not
            # enough to forge an update. Unconfigured, all workers share one generated in the store.
            configured = settings.telegram_webhook_secret
            secret = (
                configured.get_secret_value() if configured else await assistant.deployment_secret("telegram_webhook")
            )
            await updater.start_webhook(
                listen=settings.telegram_webhook_listen,
                port=settings.telegram_webhook_port,
                url_path=urlparse(settings.telegram_webhook_url).path.lstrip("/"),
                webhook_url=settings.telegram_webhook_url,
                secret_token=secret,
                allowed_updates=_ALLOWED_UPDATES,
                bootstrap_retries=_BOOTSTRAP_RETRIES,
            )
            log.info("telegram: webhook listening on port %d", settings.telegram_webhook_port)
        else:
            await updater.start_polling(timeout=poll_timeout, allowed_updates=_ALLOWED_UPDATES,
                                        bootstrap_retries=_BOOTSTRAP_RETRIES)
            log.info("telegram: polling started")
        await app.start()
        answering = asyncio.create_task(worker.run(stop), name="telegram-inbox")
        digests = asyncio.create_task(digest_loop(assistant, app.bot, stop, digest_interval))
        await stop.wait()
        log.info("telegram: stopping")
        await digests
    finally:  # also on errors and cancellation: stop what runs, then release the HTTP pools
        if updater.running:
            await updater.stop()
        if answering is not None:  # in-flight answers finish; the rest waits in the inbox for the next start
            stop.set()
            await answering
        if app.running:
            await app.stop()
        await app.shutdown()
