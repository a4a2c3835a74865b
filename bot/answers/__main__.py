"""python -m bot.answers --birthdate 昭和32年3月1日 --card-status no_card: the document answer."""

from bot.answers.document_cli import main

raise SystemExit(main())
