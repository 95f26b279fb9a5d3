// The text the demo tokenizer learns its merges from. Written for EXL2 Studio (no third-party text), in the
// plain style of children's stories so that common English words become single pieces.
#include "model/demo_model.h"

namespace exl2 {

const char* demoCorpus()
{
    return R"(Once upon a time there was a small town by a wide river. In the town lived a girl named Mia and her dog Pip.
Every morning Mia and Pip walked to the bakery at the end of the street. The baker was a kind old man with a white hat.
He gave Mia a warm roll and Pip a little piece of bread. Mia said thank you and Pip wagged his tail.
One day the sky was grey and the wind was strong. Mia looked out of the window and saw the trees bend in the wind.
She wanted to go to the bakery, but her mother said it was too cold. Mia was sad. She sat by the window and waited.
After lunch the sun came out again. The clouds moved away and the river was bright and blue.
Mia put on her red coat and her green boots. Pip jumped up and down because he knew it was time to go out.
They ran down the street together. The baker smiled when he saw them. He said that he had saved a roll for Mia.
Mia was very happy. She shared the roll with Pip, and they sat on the bench near the river to eat it.
A boy named Tom came to the bench. He had a boat made of wood. He wanted to see if the boat could float on the water.
Mia asked if she could help. Tom said yes. They walked to the edge of the river and put the boat in the water.
The boat floated! It moved slowly with the water, and the children laughed. Pip barked at the boat as if it were a duck.
Then the wind pushed the boat far from the shore. Tom was worried that he would lose his boat.
Mia had an idea. She found a long stick under a tree and held it out over the water. The boat touched the stick and turned.
Slowly the water carried it back to them. Tom picked up the boat and said, thank you, Mia, you are a good friend.
From that day on, Mia, Tom and Pip played by the river every afternoon. They made new boats and tried them all.
Some boats were fast and some were slow. Some boats were big and some were small. One boat even had a little sail.
When the summer ended, the children went back to school. They told their teacher about the boats and the river.
The teacher asked them to draw a picture. Mia drew the river, the bench, the bakery and Pip. Tom drew all of the boats.
The teacher put the pictures on the wall, and everyone in the class could see them.
In the winter the river was cold and the water moved slowly under a thin layer of ice. The children could not play with boats.
Instead they built a snowman in the park. It had a carrot for a nose and two stones for eyes. Pip ran around it in circles.
The baker came to the park with a basket of warm cookies. He gave one to each child, and one small cookie to Pip.
The children thanked him and asked him to help with the snowman. The baker laughed and gave the snowman his old hat.
At night Mia looked at the stars from her bed. She thought about the river, the boats, her friends and her dog.
She knew that spring would come soon, and the river would be free again. Then they would make the best boat of all.
In the spring the birds came back and sang in the trees. The grass was green and the flowers were yellow, pink and white.
Mia and Tom worked for many days on a new boat. They used light wood, strong string and a piece of cloth for the sail.
Their friends came to watch when the boat was ready. Everyone counted together: one, two, three!
The boat went into the water and the wind filled the sail. It moved faster than any boat they had made before.
The children cheered and ran along the river to follow it. Pip ran in front of them, happy and loud.
At the bridge the boat stopped near a rock. Tom climbed down carefully and brought it back.
That evening the baker made a special cake for the children. On the top of the cake there was a small sugar boat.
Mia said it was the best day of the year. Tom agreed, and Pip, who was already asleep, did not say anything at all.
The next week it rained for three days. The children stayed inside and read books about the sea, ships and islands.
Mia learned that big ships carry food, letters and people across the ocean. Tom learned how a compass works.
They decided that one day they would travel across the sea together and visit a faraway island with tall mountains.
Until then, the little river by their town was their ocean, the bench was their harbor and Pip was their captain.
The old baker liked to listen to their plans. He said that when he was young he had also dreamed about the sea.
He told them a story about a storm, a lost map and a brave cat who found the way home. The children listened quietly.
When the story was over, Mia asked if the cat was real. The baker winked and said that every good story is a little true.
)";
}

}  // namespace exl2
