import { largeSuite } from "./large-suite";

largeSuite("web");
