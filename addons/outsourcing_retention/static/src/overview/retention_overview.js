import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const BAND_CLASSES = {
    high: "bg-danger",
    medium: "bg-warning",
    low: "bg-success",
    no_data: "bg-secondary",
};

/**
 * The retention overview: the figures HR opens first, each one a door to the
 * pivot or graph view that explains it. All figures come from one call
 * (retention.overview.get_overview), read with the user's own rights.
 */
export class RetentionOverview extends Component {
    static template = "outsourcing_retention.Overview";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({
            data: null,
            filters: { department_id: false, client_id: false, site_id: false },
        });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("retention.overview", "get_overview", [], {
            ...this.state.filters,
        });
    }

    async onFilterChange(name, ev) {
        const value = parseInt(ev.target.value, 10);
        this.state.filters[name] = Number.isNaN(value) ? false : value;
        await this.load();
    }

    open(action) {
        if (action) {
            this.actionService.doAction(action);
        }
    }

    percent(value) {
        return value === false || value === null ? "—" : `${value.toFixed(1)} %`;
    }

    signed(value) {
        if (value === false || value === null) {
            return "—";
        }
        return value > 0 ? `+${value.toFixed(1)}` : value.toFixed(1);
    }

    bandClass(band) {
        return BAND_CLASSES[band] || "bg-secondary";
    }

    share(count, counts) {
        const total = counts.reduce((sum, value) => sum + value, 0);
        return total ? Math.round((count / total) * 100) : 0;
    }

    bandCounts(bands) {
        return bands.map((band) => band[2]);
    }
}

registry.category("actions").add("outsourcing_retention.overview", RetentionOverview);
