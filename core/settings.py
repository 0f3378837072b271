"""One typed settings object for every process, read from WARMLINE_* variables.

Secrets can come from files: WARMLINE_<NAME>_FILE=/run/secrets/x reads the value from that file,
the convention container platforms use. Outside dev mode there is no default secret: a missing
one stops the process at start-up with a message that names the variable.
"""

from __future__ import annotations

import os
import re
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

ENV_PREFIX = "WARMLINE_"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEV_ENGINE_TOKEN = "dev-only-engine-token"  # noqa: S105 - refused outside dev mode
# What Telegram's setWebhook accepts as a secret_token.
_TELEGRAM_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class Mode(StrEnum):
    DEV = "dev"
    PRODUCTION = "production"


class SettingsError(RuntimeError):
    """A setting is missing or invalid; the message names it and says what is wrong."""


class _FileSecretsSource(PydanticBaseSettingsSource):
    """Reads WARMLINE_<NAME>_FILE for every field, so secrets need not sit in the environment."""

    def get_field_value(
        self,
        field: FieldInfo,  # noqa: ARG002 - the source interface
        field_name: str,
    ) -> tuple[Any, str, bool]:
        path = os.environ.get(f"{ENV_PREFIX}{field_name.upper()}_FILE")
        if not path:
            return None, field_name, False
        try:
            return Path(path).read_text(encoding="utf-8").strip(), field_name, False
        except OSError as error:
            raise SettingsError(
                f"{ENV_PREFIX}{field_name.upper()}_FILE={path} cannot be read: {error.strerror}"
            ) from error

    def __call__(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, field in self.settings_cls.model_fields.items():
            value, key, _ = self.get_field_value(field, name)
            if value is not None:
                values[key] = value
        return values


class RosterPeer(BaseModel):
    """One person on call. Alerts go to every address they have; the token signs them in to
    the peer API and is a secret."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=64)
    token: SecretStr
    supervisor: bool = False
    telegram_chat_id: int | None = None
    phone: str | None = Field(None, pattern=r"^\+[1-9]\d{6,14}$")
    sim: str | None = Field(None, description="dev mode: the simulator name that gets alerts")

    @property
    def alert_addresses(self) -> list[str]:
        found = [f"telegram:{self.telegram_chat_id}" if self.telegram_chat_id else ""]
        found += [f"tel:{self.phone}" if self.phone else "", f"sim:{self.sim}" if self.sim else ""]
        return [address for address in found if address]


# Dev mode only: one peer and one supervisor who get their alerts in the text simulator
# (pick the name "peer" or "supervisor" there). Production refuses these tokens.
DEV_ROSTER = [
    RosterPeer(name="Dev Peer", token=SecretStr("dev-only-peer-token"), sim="peer"),
    RosterPeer(
        name="Dev Supervisor",
        token=SecretStr("dev-only-supervisor-token"),
        supervisor=True,
        sim="supervisor",
    ),
]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", extra="ignore", frozen=True
    )

    mode: Mode = Field(Mode.DEV, description="dev enables the text simulator and dev defaults")
    data_dir: Path = Field(PROJECT_ROOT / "var", description="local state: databases, models")
    # Database URLs can carry a password, so they stay out of repr (and so out of logs).
    database_url: str = Field(
        "", repr=False, description="app database; default SQLite in data_dir"
    )
    public_host: str = Field("127.0.0.1", description="interface the app listens on")
    app_port: int = Field(8000, ge=1, le=65535)
    engine_url: str = Field("http://127.0.0.1:5005", description="the Rasa engine's base URL")
    engine_port: int = Field(5005, ge=1, le=65535)
    engine_token: SecretStr | None = Field(None, description="token for the engine's HTTP API")
    engine_timeout_seconds: float = Field(10.0, gt=0, le=120)
    engine_tracker_url: str = Field(
        "", repr=False, description="engine tracker DB; default SQLite in data_dir"
    )
    actions_port: int = Field(5055, ge=1, le=65535)
    rasa_python: str = Field("", description="Python 3.10 interpreter for the engine")
    outbox_max_attempts: int = Field(8, ge=1, le=50)
    outbox_poll_seconds: float = Field(0.5, gt=0, le=60)
    engine_retry_seconds: float = Field(5.0, gt=0, le=600)
    max_message_chars: int = Field(4096, ge=160, le=65536)
    log_level: str = Field("INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")
    public_url: str = Field(
        "", description="the app's public base URL: links in alerts, the URL Twilio signs"
    )
    program_name: str = Field("Warmline", min_length=1, max_length=40, description="in HELP")
    program_contact: str = Field(
        "", max_length=80, description="the program's phone or email, in the HELP reply"
    )
    program_timezone: str = Field(
        "", max_length=64, description="the program's IANA zone: enrollment's default; none"
    )
    oncall_roster: list[RosterPeer] = Field(
        default_factory=list, repr=False, description="JSON list of peers on call"
    )
    target_emergency_minutes: float = Field(5.0, gt=0, le=60)
    target_crisis_minutes: float = Field(15.0, gt=0, le=240)
    target_concern_minutes: float = Field(1440.0, gt=0, le=10080)
    alerts_before_supervisor: int = Field(2, ge=1, le=10)
    linkage_target_days: float = Field(
        2.0, gt=0, le=30, description="a peer reaches out within this long of a yes to linkage"
    )
    linkage_cravings_at: int | None = Field(
        None, ge=0, le=10, description="a program's extra need rule: cravings at or above; off"
    )
    console_idle_minutes: float = Field(
        15.0, gt=0, le=480, description="a console session ends after this long without a page"
    )
    console_session_hours: float = Field(
        12.0, gt=0, le=24, description="and after this long however busy: one shift"
    )
    console_lockout_attempts: int = Field(5, ge=1, le=20, description="failures before lock-out")
    console_lockout_minutes: float = Field(15.0, gt=0, le=1440)
    telegram_bot_token: SecretStr | None = Field(None, description="connects Telegram when set")
    telegram_api_base_url: str = Field("https://api.telegram.org")
    telegram_webhook_secret: SecretStr | None = Field(
        None, description="verifies Telegram's webhook calls; needed with a public URL"
    )
    twilio_account_sid: str = Field("", description="connects SMS when set with the token")
    twilio_auth_token: SecretStr | None = Field(None)
    twilio_from_number: str = Field("", description="the sending number, E.164")
    twilio_messaging_service_sid: str = Field("", description="sends via a Messaging Service")
    twilio_number_pool: str = Field(
        "", description="numbers to send from, E.164, comma-separated; each person keeps one"
    )
    twilio_api_base_url: str = Field("https://api.twilio.com")
    twilio_messages_per_second: float = Field(
        1.0, gt=0, le=1000, description="SMS segments a second from the sender (long code: 1)"
    )
    export_pseudonym_key: SecretStr | None = Field(
        None,
        repr=False,
        description="HMAC key for de-identified exports' pseudonyms; required outside dev mode",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,  # noqa: ARG003 - replaced by *_FILE
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        assert isinstance(env_settings, EnvSettingsSource)
        return init_settings, env_settings, _FileSecretsSource(settings_cls), dotenv_settings

    @field_validator("data_dir")
    @classmethod
    def _anchor_data_dir(cls, value: Path) -> Path:
        # Every process must mean the same folder, whatever directory it was started from.
        return (PROJECT_ROOT / value.expanduser()).resolve()

    @field_validator("twilio_number_pool")
    @classmethod
    def _e164_pool(cls, value: str) -> str:
        # A typo would otherwise surface only as every SMS from that number refused.
        for number in filter(None, (part.strip() for part in value.split(","))):
            if not re.fullmatch(r"\+[1-9]\d{6,14}", number):
                raise ValueError("every number in the pool must be E.164, like +13125550100")
        return value

    @field_validator("program_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        # A misspelt zone would otherwise surface only as every enrollment refused.
        if value:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError) as error:
                raise ValueError(
                    f"not a time zone: {value} (for example America/Chicago)"
                ) from error
        return value

    @model_validator(mode="after")
    def _secrets_and_defaults(self) -> Settings:
        if self.mode is Mode.PRODUCTION:
            _check_production_roster(self.oncall_roster)
            token = self.engine_token.get_secret_value() if self.engine_token else ""
            if len(token) < 16 or token == DEV_ENGINE_TOKEN:
                raise ValueError(
                    f"{ENV_PREFIX}ENGINE_TOKEN must be set (16+ characters) in production mode"
                )
        return self

    @model_validator(mode="after")
    def _mode_chosen_with_real_channels(self) -> Settings:
        # Dev mode serves the simulator and public dev tokens: harmless on a laptop, an open
        # door beside a real phone number. So with real credentials, nobody gets it by default.
        if self.has_channel_credentials and "mode" not in self.model_fields_set:
            raise ValueError(
                f"channel credentials are set, so choose {ENV_PREFIX}MODE: production, or dev "
                "(the text simulator and public dev tokens, for trying the channels locally)"
            )
        return self

    @model_validator(mode="after")
    def _telegram_webhook_secret(self) -> Settings:
        secret = self.telegram_webhook_secret
        if self.telegram_uses_webhook and not secret:
            raise ValueError(
                f"{ENV_PREFIX}TELEGRAM_WEBHOOK_SECRET must be set when Telegram runs by webhook "
                f"(a bot token and {ENV_PREFIX}PUBLIC_URL are both set)"
            )
        if secret and not _TELEGRAM_SECRET.match(secret.get_secret_value()):
            raise ValueError(
                f"{ENV_PREFIX}TELEGRAM_WEBHOOK_SECRET must be 1-256 letters, digits, _ or -"
            )
        return self

    @field_validator("export_pseudonym_key")
    @classmethod
    def _strong_pseudonym_key(cls, value: SecretStr | None) -> SecretStr | None:
        # A short key can be guessed, and with it every pseudonym turned back into a person.
        if value is not None and len(value.get_secret_value()) < 32:
            raise ValueError(f"{ENV_PREFIX}EXPORT_PSEUDONYM_KEY must be 32+ characters")
        return value

    @property
    def telegram_uses_webhook(self) -> bool:
        """Webhook with a public URL to be called at; otherwise Telegram is polled."""
        return bool(self.telegram_bot_token) and bool(self.public_url)

    @property
    def twilio_number_pool_list(self) -> list[str]:
        """The pool's numbers, in the order given (the order decides who hears from which)."""
        return [number.strip() for number in self.twilio_number_pool.split(",") if number.strip()]

    @property
    def has_channel_credentials(self) -> bool:
        twilio = bool(self.twilio_account_sid and self.twilio_auth_token)
        return twilio or bool(self.telegram_bot_token)

    @property
    def dev(self) -> bool:
        return self.mode is Mode.DEV

    @property
    def app_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'warmline.db'}"

    @property
    def tracker_database_url(self) -> str:
        return self.engine_tracker_url or f"sqlite:///{self.data_dir / 'engine-tracker.db'}"

    @property
    def engine_token_value(self) -> str:
        return self.engine_token.get_secret_value() if self.engine_token else DEV_ENGINE_TOKEN

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}/webhook"

    @property
    def roster(self) -> list[RosterPeer]:
        """Who is on call: the configured roster, or in dev mode without one, the dev roster."""
        return self.oncall_roster or (DEV_ROSTER if self.dev else [])

    @property
    def base_url(self) -> str:
        return self.public_url.rstrip("/") or f"http://{self.public_host}:{self.app_port}"


def _check_production_roster(roster: list[RosterPeer]) -> None:
    if not any(not p.supervisor for p in roster) or not any(p.supervisor for p in roster):
        raise ValueError(
            f"{ENV_PREFIX}ONCALL_ROSTER needs at least one peer and one supervisor in production"
        )
    weak = [p.name for p in roster if len(p.token.get_secret_value()) < 16]
    if weak or any(p in DEV_ROSTER for p in roster):
        raise ValueError(f"{ENV_PREFIX}ONCALL_ROSTER tokens must be 16+ characters, not dev ones")


def load_settings(**overrides: Any) -> Settings:
    """Builds the settings, turning pydantic's report into one readable startup error."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        problems = "; ".join(
            f"{ENV_PREFIX}{'.'.join(str(p) for p in e['loc']).upper() or 'SETTINGS'}: {e['msg']}"
            for e in error.errors()
        )
        raise SettingsError(f"invalid settings: {problems}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
