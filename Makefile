# Two commands for a newcomer (see README.md): `make run` and `make test`.
.PHONY: run test lint pytest i18n help
help:
	@echo "make run    prepare everything and serve the demo database on http://localhost:8069"
	@echo "make test   lint, pytest and the Odoo suite; last line 'N passed, N failed'"
	@echo "make i18n ADDON=<addon>   re-export i18n/<addon>.pot and merge zh_CN.po"
run:
	bash scripts/run.sh
test:
	bash scripts/test.sh
i18n:
	bash scripts/i18n.sh $(ADDON)
